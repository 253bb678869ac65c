package org.mosaic.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.mosaic.enroll.Policy;
import org.mosaic.enroll.PolicyText;
import org.mosaic.model.BadInputException;
import org.mosaic.model.InputProblem;

/** Reads a policy file (YAML, or JSON by its .json name) and parses it with {@link PolicyText}, as the web does. */
final class PolicyFile {
    private PolicyFile() {
    }

    static Policy read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new BadInputException(List.of(new InputProblem(path.toString(), 0, "", "",
                    "a readable policy file (" + e.getMessage() + ")")));
        }
        String name = path.getFileName().toString();
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        return PolicyText.parse(name, text, yaml);
    }
}
