package org.mosaic.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.mosaic.enroll.Policy;
import org.mosaic.model.BadInputException;
import org.mosaic.model.InputProblem;
import org.mosaic.simulate.ClassFormation;
import org.mosaic.simulate.DistrictSimulation;
import org.mosaic.simulate.ModelParameters;

/**
 * Reads a simulate scenario file (YAML or JSON; schema in docs/simulate.md). Strict: an unknown key, a value of the
 * wrong type or out of range, or a policy file that does not exist is a problem naming the file and the key path
 * (e.g. {@code scenarios[2].dial}); every problem is collected, and nothing runs until there are none.
 */
final class ScenarioFile {
    static final List<String> TOP_KEYS = List.of("dataset", "description", "subject", "years", "class_size",
            "sections", "time_limit", "parameters", "scenarios");
    static final List<String> SCENARIO_KEYS = List.of("name", "policy", "dial", "levels", "dial_by_school",
            "parameters");

    /** The file's content: {@code dataset} null when the file names none (then --data is required). */
    record Read(String file, Path dataset, String subject, int years, List<DistrictSimulation.Scenario> scenarios) {
    }

    private final String file;
    private final Path dir;
    private final List<InputProblem> problems = new ArrayList<>();

    private ScenarioFile(Path path) {
        this.file = path.getFileName().toString();
        this.dir = path.toAbsolutePath().getParent();
    }

    static Read read(Path path) {
        String name = path.getFileName().toString();
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        ObjectMapper mapper = yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        JsonNode root;
        try {
            root = mapper.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new BadInputException(List.of(new InputProblem(name, loc == null ? 0 : loc.getLineNr(), "", "",
                    "valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new BadInputException(List.of(new InputProblem(path.toString(), 0, "", "",
                    "a readable scenario file (" + e.getMessage() + ")")));
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(List.of(new InputProblem(name, 1, "", "", "a mapping with keys "
                    + String.join(", ", TOP_KEYS))));
        }
        return new ScenarioFile(path).parse(root);
    }

    private Read parse(JsonNode root) {
        unknownKeys(root, "", TOP_KEYS);
        Path dataset = root.has("dataset") ? Path.of(text(root, "dataset", "dataset", "a dataset directory")) : null;
        String subject = root.has("subject") ? text(root, "subject", "subject", "a subject, e.g. math") : "math";
        int years = integer(root, "years", "years", 3, 1, 3,
                "a whole number of years from 1 to 3 (the entry cohorts stay in their school that long)");
        int classSize = integer(root, "class_size", "class_size", 25, 5, 60, "a class size from 5 to 60");
        String mode = root.has("sections") ? text(root, "sections", "sections", "search or solver") : "search";
        if (!mode.equals("search") && !mode.equals("solver")) {
            problem("sections", mode, "search (the engine's local search, for sweeps) or solver (with CP-SAT's "
                    + "proof)");
        }
        double timeLimit = number(root, "time_limit", "time_limit", 5, 1, 600, "seconds from 1 to 600");
        ModelParameters common = parameters(root.path("parameters"), "parameters",
                ModelParameters.named("ddk2011"));
        JsonNode list = root.path("scenarios");
        List<DistrictSimulation.Scenario> scenarios = new ArrayList<>();
        if (!list.isArray() || list.isEmpty()) {
            problem("scenarios", list.isMissingNode() ? "" : list.toString(), "a list of scenarios, each with at "
                    + "least a name and a policy");
        } else {
            Set<String> names = new HashSet<>();
            for (int k = 0; k < list.size(); k++) {
                DistrictSimulation.Scenario s = scenario(list.get(k), "scenarios[" + k + "]", common, subject, years,
                        classSize, mode, timeLimit);
                if (s != null && !names.add(s.name())) {
                    problem("scenarios[" + k + "].name", s.name(), "a name no other scenario has");
                }
                if (s != null) {
                    scenarios.add(s);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return new Read(file, dataset, subject, years, scenarios);
    }

    private DistrictSimulation.Scenario scenario(JsonNode node, String path, ModelParameters common, String subject,
                                                 int years, int classSize, String mode, double timeLimit) {
        if (!node.isObject()) {
            problem(path, node.asText(), "a mapping with keys " + String.join(", ", SCENARIO_KEYS));
            return null;
        }
        unknownKeys(node, path + ".", SCENARIO_KEYS);
        String name = node.has("name") ? text(node, "name", path + ".name", "a scenario name") : "";
        if (name.isBlank()) {
            problem(path + ".name", "", "a scenario name");
        }
        Policy policy = null;
        String policyName = "current schools";
        if (!node.has("policy")) {
            problem(path + ".policy", "", "a policy file (relative to this file) or none (the current schools)");
        } else {
            String p = text(node, "policy", path + ".policy", "a policy file or none");
            if (!p.equals("none")) {
                Path policyPath = dir.resolve(p).normalize();
                if (!Files.isRegularFile(policyPath)) {
                    problem(path + ".policy", p, "an existing policy file (looked for " + policyPath + ") or none");
                } else {
                    try {
                        policy = PolicyFile.read(policyPath);
                        policyName = policy.name();
                    } catch (BadInputException e) {
                        problems.addAll(e.problems());
                    }
                }
            }
        }
        double dial = number(node, "dial", path + ".dial", 0, 0, 1, "a tracking dial from 0 (mixed) to 1 (tracked)");
        int levels = integer(node, "levels", path + ".levels", 0, 0, 6, "0 (no levels) or 2 to 6 levels");
        if (levels == 1) {
            problem(path + ".levels", "1", "0 (no levels) or 2 to 6 levels");
        }
        Map<String, Double> bySchool = new LinkedHashMap<>();
        JsonNode ds = node.path("dial_by_school");
        if (!ds.isMissingNode()) {
            if (!ds.isObject()) {
                problem(path + ".dial_by_school", ds.asText(), "a mapping of school ids to dials");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = ds.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    bySchool.put(e.getKey(), number(ds, e.getKey(), path + ".dial_by_school." + e.getKey(), 0, 0, 1,
                            "a tracking dial from 0 to 1"));
                }
            }
        }
        ModelParameters p = parameters(node.path("parameters"), path + ".parameters", common);
        return new DistrictSimulation.Scenario(name, policyName, policy, dial, levels, Map.copyOf(bySchool), years, p,
                subject, classSize, mode.equals("solver") ? ClassFormation.Mode.SOLVER : ClassFormation.Mode.SEARCH,
                timeLimit);
    }

    /** {@code set} picks a named parameter set; every other key overrides one parameter. */
    private ModelParameters parameters(JsonNode node, String path, ModelParameters base) {
        if (node.isMissingNode()) {
            return base;
        }
        if (!node.isObject()) {
            problem(path, node.asText(), "a mapping: set (ddk2011 or hoxby2000) and parameter overrides");
            return base;
        }
        ModelParameters p = base;
        if (node.has("set")) {
            String set = node.path("set").asText();
            if (!node.path("set").isTextual() || !ModelParameters.SETS.contains(set)) {
                problem(path + ".set", set, "one of the parameter sets: " + String.join(", ", ModelParameters.SETS));
            } else {
                p = ModelParameters.named(set);
            }
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equals("set")) {
                continue;
            }
            JsonNode v = node.get(key);
            String problem = !ModelParameters.KEYS.contains(key) ? ModelParameters.rangeProblem(key, 0)
                    : !v.isNumber() ? "a number" : ModelParameters.rangeProblem(key, v.asDouble());
            if (problem != null) {
                problem(path + "." + key, v.asText(), problem);
            } else {
                p = p.with(key, v.asDouble());
            }
        }
        return p;
    }

    private void unknownKeys(JsonNode node, String prefix, List<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problem(prefix + key, key, "one of the keys " + String.join(", ", allowed));
            }
        }
    }

    private String text(JsonNode node, String key, String path, String expected) {
        JsonNode v = node.get(key);
        if (!v.isTextual() && !v.isNumber()) {
            problem(path, v.toString(), expected);
            return "";
        }
        return v.asText();
    }

    private double number(JsonNode node, String key, String path, double fallback, double min, double max,
                          String expected) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
            problem(path, v.asText(), expected);
            return fallback;
        }
        return v.asDouble();
    }

    private int integer(JsonNode node, String key, String path, int fallback, int min, int max, String expected) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            problem(path, v.asText(), expected);
            return fallback;
        }
        return v.asInt();
    }

    private void problem(String key, String value, String expected) {
        // The key path reads better than a column: "district.yaml, key scenarios[2].dial: found '1.5'; ...".
        problems.add(new InputProblem(file + ", key " + key, 0, "", value, expected));
    }
}
