package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.enroll.Policy;
import org.mosaic.model.BadInputException;

/**
 * The policy and scenario files are read strictly: an unknown key anywhere, or a value of the wrong type, is an error
 * that names the file, the key path and the expected form. Each message is checked as literal text written here.
 */
class ConfigFilesTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aPolicyWithAnUnknownKeyAtAnyDepthIsRefused() throws IOException {
        Path f = write("p.yaml", """
                name: p
                revert_unusd: false
                priorities:
                  - {when: zone, priority: 1, prio: 2}
                schools:
                  H1:
                    - {type: open, share: rest, eligble: frl = 1}
                """);
        assertThatThrownBy(() -> PolicyFile.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("p.yaml: the key 'revert_unusd' is not known")
                .hasMessageContaining("p.yaml: the key 'priorities[0].prio' is not known; the keys under "
                        + "priorities[0] are when, priority")
                .hasMessageContaining("p.yaml: the key 'schools.H1[0].eligble' is not known");
    }

    @Test
    void aPolicyValueOfTheWrongTypeNamesFileKeyAndExpectedForm() throws IOException {
        Path f = write("p.yaml", """
                name: p
                revert_unused: maybe
                priorities: {when: zone, priority: 1}
                seats:
                  - {type: open, count: many}
                  - {type: frl, share: half}
                  - just a string
                soft_bounds:
                  - {type: frl, member: frl = 1, floor: [0.2]}
                """);
        assertThatThrownBy(() -> PolicyFile.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("p.yaml, key revert_unused: found 'maybe'; expected true or false")
                .hasMessageContaining("p.yaml, key priorities: found '{\"when\":\"zone\",\"priority\":1}'; expected a list")
                .hasMessageContaining("p.yaml, key seats[0].count: found 'many'; expected a whole number from 0")
                .hasMessageContaining("p.yaml, key seats[1].share: found 'half'; expected a share between 0 and 1, "
                        + "or rest")
                .hasMessageContaining("p.yaml, key seats[2]: found 'just a string'; expected a mapping")
                .hasMessageContaining("p.yaml, key soft_bounds[0].floor: found '[0.2]'; expected a number from 0 "
                        + "to 1");
    }

    @Test
    void aValidPolicyReadsAsWritten() throws IOException {
        Path f = write("p.yaml", """
                name: tiers
                revert_unused: false
                priorities:
                  - {when: sibling, priority: 1}
                seats:
                  - {type: rank, share: 0.3, order: "score:math"}
                  - {type: tier1, count: 40, eligible: frl = 1, order: lottery}
                  - {type: open, share: rest}
                """);
        Policy p = PolicyFile.read(f);
        assertThat(p.name()).isEqualTo("tiers");
        assertThat(p.revertUnused()).isFalse();
        assertThat(p.priorityRules()).containsExactly(new Policy.PriorityRule("sibling", 1));
        assertThat(p.slots()).extracting(Policy.SlotType::name).containsExactly("rank", "tier1", "open");
        assertThat(p.slots()).extracting(Policy.SlotType::share).containsExactly(0.3, -1.0, -1.0);
        assertThat(p.slots()).extracting(Policy.SlotType::count).containsExactly(-1, 40, -1);
    }

    @Test
    void aScenarioFileWithAnUnknownKeyOrAWrongTypeIsRefusedWithItsPolicysProblems() throws IOException {
        write("policies/p.yaml", "name: p\nseats:\n  - {type: open, shar: 0.5}\n");
        Path f = write("s.yaml", """
                years: "3"
                class_size: 24.5
                time_limit: [5]
                scenarios:
                  - {name: a, policy: policies/p.yaml, dail: 0.5}
                  - {name: b, policy: none, dial_by_school: {H1: high}, parameters: {noise_sd: x}}
                  - {name: c, policy: none, parameters: [1]}
                """);
        assertThatThrownBy(() -> ScenarioFile.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("s.yaml, key years: found '3'; expected a whole number of years from 1 to 3")
                .hasMessageContaining("s.yaml, key class_size: found '24.5'; expected a class size from 5 to 60")
                .hasMessageContaining("s.yaml, key time_limit: found '[5]'; expected seconds from 1")
                .hasMessageContaining("s.yaml: the key 'scenarios[0].dail' is not known")
                .hasMessageContaining("s.yaml, key scenarios[1].dial_by_school.H1: found 'high'; expected a "
                        + "tracking dial from 0 to 1")
                .hasMessageContaining("s.yaml, key scenarios[1].parameters.noise_sd: found 'x'; expected a number")
                .hasMessageContaining("s.yaml, key scenarios[2].parameters: found '[1]'; expected a mapping")
                .hasMessageContaining("p.yaml: the key 'seats[0].shar' is not known");
    }
}
