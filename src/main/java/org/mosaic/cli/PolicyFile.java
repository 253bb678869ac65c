package org.mosaic.cli;

import java.nio.file.Path;

import org.mosaic.enroll.Policy;
import org.mosaic.config.PolicyText;
import org.mosaic.io.StrictConfig;

/** Reads a policy file (YAML, or JSON by its .json name) with {@link PolicyText}, as the web reads a typed one. */
final class PolicyFile {
    private PolicyFile() {
    }

    static Policy read(Path path) {
        return PolicyText.read(StrictConfig.read(path));
    }
}
