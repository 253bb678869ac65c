package org.mosaic.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mosaic.io.OutputFolder;
import org.mosaic.io.RunManifest;

import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A command's output folder, staged and recorded: {@code try (OutputFolder o = Outputs.open(spec, out)) { write into
 * o.dir(); o.commit(); }}. The manifest records the command, its seed, the options as typed and the SHA-256 of every
 * file or folder given to a path option other than the output itself. Call it before any work, so a bad {@code --out}
 * stops the command at once.
 */
final class Outputs {
    private Outputs() {
    }

    static OutputFolder open(CommandSpec spec, Path out) {
        return OutputFolder.open(out, run(spec, out), MosaicCli.privacy(spec));
    }

    static RunManifest run(CommandSpec spec, Path out) {
        String command = spec.qualifiedName(" ").replaceFirst("^mosaic ", "");
        Map<String, String> options = new TreeMap<>();
        List<Path> inputs = new ArrayList<>();
        ParseResult parsed = spec.commandLine().getParseResult();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp() || parsed == null || !parsed.hasMatchedOption(o)) {
                continue;
            }
            options.put(o.longestName(), String.join(",", o.originalStringValues()));
            Object v = o.getValue();
            if (isPath(o) && v != null) {
                Path p = v instanceof File f ? f.toPath() : (Path) v;
                if (!p.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                    inputs.add(p);
                }
            }
        }
        Long seed = null;
        OptionSpec seedOption = spec.findOption("--seed");
        if (seedOption != null && seedOption.getValue() instanceof Number n) {
            seed = n.longValue();
        }
        return RunManifest.of(command, seed, options, inputs);
    }

    private static boolean isPath(ArgSpec a) {
        return Path.class.isAssignableFrom(a.type()) || File.class.isAssignableFrom(a.type());
    }
}
