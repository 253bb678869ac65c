package org.mosaic.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.mosaic.model.Gender;
import org.mosaic.model.Location;
import org.mosaic.model.Race;
import org.mosaic.model.Student;

/**
 * The reserved-seat rule language against the same conditions written as plain Java predicates, on a population
 * that puts every numeric field on both sides of, and exactly at, each threshold.
 */
class EligibilityRuleTest {

    /** Every combination of the flags, every SES tier, three races, two genders, two zones and two tracts. */
    static List<Student> population() {
        List<Student> out = new ArrayList<>();
        Race[] races = {Race.BLACK, Race.HISPANIC, Race.WHITE};
        Gender[] genders = {Gender.FEMALE, Gender.MALE};
        int n = 0;
        for (int flags = 0; flags < 16; flags++) {
            for (int tier = 0; tier <= 4; tier++) {
                Race race = races[(flags + tier) % 3];
                Gender gender = genders[(flags / 2 + tier) % 2];
                String zone = (flags + tier) % 2 == 0 ? "Z1" : "North";
                String tract = tier % 2 == 0 ? "17031" : "17043";
                out.add(new Student("s" + n++, 6, "", new Location(0, 0), zone, tract, (flags & 1) != 0, race, gender,
                        (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, tier, false, "", ""));
            }
        }
        return out;
    }

    static void agrees(String rule, Predicate<Student> oracle) {
        EligibilityRule r = EligibilityRule.parse(rule);
        int yes = 0;
        for (Student s : population()) {
            assertThat(r.test(s)).as("%s for %s", rule, s).isEqualTo(oracle.test(s));
            yes += oracle.test(s) ? 1 : 0;
        }
        // Each rule must split the population, or the comparison above proves little.
        assertThat(yes).as(rule).isBetween(1, population().size() - 1);
    }

    @Test
    void everyComparisonOfANumericFieldAgreesWithItsMeaning() {
        agrees("ses_tier = 2", s -> s.sesTier() == 2);
        agrees("ses_tier != 2", s -> s.sesTier() != 2);
        agrees("ses_tier < 2", s -> s.sesTier() < 2);
        agrees("ses_tier <= 2", s -> s.sesTier() <= 2);
        agrees("ses_tier > 2", s -> s.sesTier() > 2);
        agrees("ses_tier >= 2", s -> s.sesTier() >= 2);
        agrees("ses_tier>=2.5", s -> s.sesTier() >= 3);
        agrees("frl = 1", Student::frl);
        agrees("frl = 0", s -> !s.frl());
        agrees("ell = 1", Student::ell);
        agrees("iep != 0", Student::iep);
        agrees("gifted >= 1", Student::gifted);
        agrees("GIFTED < 1", s -> !s.gifted());
    }

    @Test
    void textFieldsCompareWithoutRegardToCase() {
        agrees("race = black", s -> s.race() == Race.BLACK);
        agrees("race != white", s -> s.race() != Race.WHITE);
        agrees("gender = Female", s -> s.gender() == Gender.FEMALE);
        agrees("zone = z1", s -> s.zone().equals("Z1"));
        agrees("zone != NORTH", s -> !s.zone().equals("North"));
        agrees("tract = 17043", s -> s.tract().equals("17043"));
    }

    @Test
    void listsTakeTextAndNumbers() {
        agrees("race in [black, hispanic]", s -> s.race() == Race.BLACK || s.race() == Race.HISPANIC);
        agrees("race IN [ White ]", s -> s.race() == Race.WHITE);
        agrees("ses_tier in [1, 2]", s -> s.sesTier() == 1 || s.sesTier() == 2);
        agrees("frl in [1]", Student::frl);
        agrees("zone in [north,south]", s -> s.zone().equals("North"));
        agrees("gender in [male]", s -> s.gender() == Gender.MALE);
        agrees("tract in [17031]", s -> s.tract().equals("17031"));
    }

    @Test
    void andBindsTighterThanOr() {
        agrees("frl = 1 and race = black or gifted = 1", s -> s.frl() && s.race() == Race.BLACK || s.gifted());
        agrees("frl = 1 AND ell = 1 AND iep = 1", s -> s.frl() && s.ell() && s.iep());
        agrees("frl = 1 Or ell = 1 or ses_tier = 4", s -> s.frl() || s.ell() || s.sesTier() == 4);
        agrees("ses_tier < 2 and frl = 0 or ses_tier > 3 and ell = 1",
                s -> s.sesTier() < 2 && !s.frl() || s.sesTier() > 3 && s.ell());
    }

    @Test
    void anyAndBlankAdmitEveryone() {
        for (String any : new String[] {null, "", "   ", "any", " ANY "}) {
            EligibilityRule r = EligibilityRule.parse(any);
            assertThat(r).isSameAs(EligibilityRule.ANY);
            assertThat(population()).allMatch(r);
        }
        assertThat(EligibilityRule.ANY).hasToString("any");
        assertThat(EligibilityRule.parse("  frl = 1 and race = black ")).hasToString("frl = 1 and race = black");
    }

    @Test
    void badRulesSayWhatIsAllowed() {
        assertThatThrownBy(() -> EligibilityRule.parse("frl")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read 'frl' in rule 'frl'; write field op value, e.g. frl = 1 or race in "
                        + "[black, hispanic]");
        assertThatThrownBy(() -> EligibilityRule.parse("frl = 1 and height > 3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown field 'height' in rule 'frl = 1 and height > 3'; fields are frl, ell, iep, "
                        + "gifted, ses_tier, race, gender, zone, tract");
        assertThatThrownBy(() -> EligibilityRule.parse("race in black")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'in' takes a list in brackets, e.g. race in [black, hispanic]");
        assertThatThrownBy(() -> EligibilityRule.parse("race in [black")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'in' takes a list in brackets");
        assertThatThrownBy(() -> EligibilityRule.parse("race in black]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'in' takes a list in brackets");
        assertThatThrownBy(() -> EligibilityRule.parse("frl = yes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'frl' compares with a number, not 'yes'");
        assertThatThrownBy(() -> EligibilityRule.parse("race < black")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'race' takes = or != or in, not <");
        assertThatThrownBy(() -> EligibilityRule.parse("zone >= b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'zone' takes = or != or in, not >=");
    }
}
