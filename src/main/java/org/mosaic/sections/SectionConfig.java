package org.mosaic.sections;

import java.util.List;

/**
 * The sections config (YAML or JSON, docs/sections.md): balance weights, the built-in rules' settings, the school's
 * own {@code section_rules} and {@code mean_within}, and how sections are made when only a count and capacity are
 * given. Read from a file or typed text by {@code org.mosaic.config.SectionsConfigText}; every key optional.
 */
public record SectionConfig(SectionProblem.Weights weights, SectionProblem.Rules rules, int coTaughtSections,
                            int ellSections, int minSize, List<SectionProblem.AttributeLimit> limits,
                            SectionProblem.MeanLimit meanWithin) {
    public SectionConfig {
        limits = List.copyOf(limits);
    }

    public static SectionConfig defaults() {
        return new SectionConfig(SectionProblem.Weights.defaults(), SectionProblem.Rules.defaults(), -1, -1, -1,
                List.of(), null);
    }
}
