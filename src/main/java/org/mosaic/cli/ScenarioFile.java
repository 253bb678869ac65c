package org.mosaic.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import org.mosaic.enroll.Policy;
import org.mosaic.io.StrictConfig;
import org.mosaic.model.BadInputException;
import org.mosaic.simulate.ClassFormation;
import org.mosaic.simulate.DistrictSimulation;
import org.mosaic.simulate.ModelParameters;

/**
 * Reads a simulate scenario file (YAML or JSON; schema in docs/simulate.md) through {@link StrictConfig}: an unknown
 * key, a value of the wrong type or out of range, or a policy file that does not exist is a problem naming the file
 * and the key path (e.g. {@code scenarios[2].dial}); every problem, the named policy files' included, is collected,
 * and nothing runs until there are none.
 */
final class ScenarioFile {
    /** The file's content: {@code dataset} null when the file names none (then --data is required). */
    record Read(String file, Path dataset, String subject, int years, List<DistrictSimulation.Scenario> scenarios) {
    }

    /** What every scenario shares, from the top of the file. */
    private record Common(ModelParameters parameters, String subject, int years, int classSize, String mode,
                          double timeLimit) {
    }

    private final StrictConfig config;
    private final Path dir;

    private ScenarioFile(StrictConfig config, Path path) {
        this.config = config;
        this.dir = path.toAbsolutePath().getParent();
    }

    static Read read(Path path) {
        StrictConfig c = StrictConfig.read(path);
        return new ScenarioFile(c, path).parse(c.root(), path.getFileName().toString());
    }

    private Read parse(StrictConfig.Node root, String file) {
        root.text("description", "");
        String datasetText = root.text("dataset", "");
        Path dataset = datasetText.isEmpty() ? null : Path.of(datasetText);
        String subject = root.text("subject", "math");
        int years = root.whole("years", 3, 1, 3,
                "a whole number of years from 1 to 3 (the entry cohorts stay in their school that long)");
        int classSize = root.whole("class_size", 25, 5, 60, "a class size from 5 to 60");
        String mode = root.text("sections", "search");
        if (!mode.equals("search") && !mode.equals("solver")) {
            root.reject("sections", mode, "search (the engine's local search, for sweeps) or solver (with CP-SAT's "
                    + "proof)");
        }
        double timeLimit = root.decimal("time_limit", 5, 1, 600, "seconds from 1 to 600");
        Common common = new Common(parameters(root, ModelParameters.named("ddk2011")), subject, years, classSize,
                mode, timeLimit);
        List<DistrictSimulation.Scenario> scenarios = new ArrayList<>();
        List<StrictConfig.Node> list = root.list("scenarios");
        if (list.isEmpty()) {
            root.reject("scenarios", "", "a list of scenarios, each with at least a name and a policy");
        }
        Set<String> names = new HashSet<>();
        for (StrictConfig.Node node : list) {
            DistrictSimulation.Scenario s = scenario(node, common);
            if (!s.name().isBlank() && !names.add(s.name())) {
                node.reject("name", s.name(), "a name no other scenario has");
            }
            scenarios.add(s);
        }
        config.finish();
        return new Read(file, dataset, subject, years, scenarios);
    }

    private DistrictSimulation.Scenario scenario(StrictConfig.Node node, Common common) {
        String name = node.text("name", "");
        if (name.isBlank()) {
            node.reject("name", "", "a scenario name");
        }
        Policy policy = null;
        String policyName = "current schools";
        String p = node.text("policy", "");
        if (p.isEmpty()) {
            node.reject("policy", "", "a policy file (relative to this file) or none (the current schools)");
        } else if (!p.equals("none")) {
            Path policyPath = dir.resolve(p).normalize();
            if (!Files.isRegularFile(policyPath)) {
                node.reject("policy", p, "an existing policy file (looked for " + policyPath + ") or none");
            } else {
                try {
                    policy = PolicyFile.read(policyPath);
                    policyName = policy.name();
                } catch (BadInputException e) {
                    config.include(e);
                }
            }
        }
        double dial = node.decimal("dial", 0, 0, 1, "a tracking dial from 0 (mixed) to 1 (tracked)");
        int levels = node.whole("levels", 0, 0, 6, "0 (no levels) or 2 to 6 levels");
        if (levels == 1) {
            node.reject("levels", "1", "0 (no levels) or 2 to 6 levels");
        }
        Map<String, Double> bySchool = new LinkedHashMap<>();
        StrictConfig.Node dials = node.mapping("dial_by_school");
        for (String school : dials.keys()) {
            bySchool.put(school, dials.decimal(school, 0, 0, 1, "a tracking dial from 0 to 1"));
        }
        return new DistrictSimulation.Scenario(name, policyName, policy, dial, levels, Map.copyOf(bySchool),
                common.years(), parameters(node, common.parameters()), common.subject(), common.classSize(),
                common.mode().equals("solver") ? ClassFormation.Mode.SOLVER : ClassFormation.Mode.SEARCH,
                common.timeLimit());
    }

    /** The {@code parameters} mapping: {@code set} picks a named parameter set; every other key overrides one. */
    private static ModelParameters parameters(StrictConfig.Node parent, ModelParameters base) {
        if (!parent.has("parameters")) {
            return base;
        }
        StrictConfig.Node node = parent.mapping("parameters");
        ModelParameters p = base;
        for (String key : node.keys()) {
            if (key.equals("set")) {
                String set = node.text("set", "");
                if (!ModelParameters.SETS.contains(set)) {
                    node.reject("set", set, "one of the parameter sets: " + String.join(", ", ModelParameters.SETS));
                } else {
                    p = ModelParameters.named(set);
                }
            }
        }
        for (String key : node.keys()) {
            if (key.equals("set")) {
                continue;
            }
            if (!ModelParameters.KEYS.contains(key)) {
                node.reject(key, "", ModelParameters.rangeProblem(key, 0));
                continue;
            }
            OptionalDouble v = node.number(key, "a number");
            if (v.isEmpty()) {
                continue;
            }
            String problem = ModelParameters.rangeProblem(key, v.getAsDouble());
            if (problem != null) {
                node.reject(key, Double.toString(v.getAsDouble()), problem);
            } else {
                p = p.with(key, v.getAsDouble());
            }
        }
        return p;
    }
}
