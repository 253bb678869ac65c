package org.mosaic.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mosaic.model.BadInputException;
import org.mosaic.sections.SectionConfig;
import org.mosaic.sections.SectionProblem.AttributeLimit;
import org.mosaic.sections.SectionProblem.Bound;
import org.mosaic.sections.SectionProblem.MeanLimit;

/** The sections config as the web sends it, typed text: the same keys and problems as a file on the command line. */
class SectionsConfigTextTest {
    @Test
    void typedJsonAndYamlGiveTheSameConfig() {
        SectionConfig yaml = SectionsConfigText.parse("rules.yaml", """
                section_rules:
                  - {attribute: support, value: 1, max: 1}
                mean_within: {points: 5, weight: 2}
                rules: {iep_max: 10}
                """);
        SectionConfig json = SectionsConfigText.parse("rules.json", """
                {"section_rules": [{"attribute": "support", "value": "1", "max": 1}],
                 "mean_within": {"points": 5, "weight": 2}, "rules": {"iep_max": 10}}
                """);
        assertThat(yaml.limits()).containsExactly(new AttributeLimit("support", "1", Bound.MAX, 1, 0));
        assertThat(yaml.meanWithin()).isEqualTo(new MeanLimit(5, 2));
        assertThat(yaml.rules().iepMax()).isEqualTo(10);
        assertThat(json).isEqualTo(yaml);
    }

    @Test
    void aMisspelledKeyIsNamed() {
        assertThatThrownBy(() -> SectionsConfigText.parse("rules.yaml", "mean_witin: 10\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("mean_witin");
    }
}
