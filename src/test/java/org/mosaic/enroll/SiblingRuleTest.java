package org.mosaic.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaic.model.Choice;
import org.mosaic.model.Dataset;
import org.mosaic.model.District;
import org.mosaic.model.Gender;
import org.mosaic.model.Location;
import org.mosaic.model.Race;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Student;

class SiblingRuleTest {
    static Student student(String id, int grade, String school, String family, double x) {
        return new Student(id, grade, school, new Location(x, 0), "Z1", "", false, Race.WHITE, Gender.FEMALE, false,
                false, false, 0, false, "", family);
    }

    @Test
    void anOlderSiblingAtTheSchoolGivesSiblingPriority() {
        School a = new School("A", "A", SchoolType.NEIGHBORHOOD, "", 0, 5, new Location(0, 0), "Z9", Map.of(0, 1,
                1, 5, 2, 5, 3, 5, 4, 5, 5, 5));
        List<Student> students = List.of(
                student("older", 3, "A", "Rivera", 1.0),
                student("kid", 0, "", "Rivera", 1.0),        // same household: sibling at A
                student("other", 0, "", "Rivera", 2.0),      // same name, another home: not a sibling
                student("third", 0, "", "", 1.0));
        Dataset d = new Dataset(new District("d", "d", List.of(a), List.of(), students), List.of(),
                List.of(new Choice("kid", 1, "A"), new Choice("other", 1, "A"), new Choice("third", 1, "A")),
                List.of(), List.of(), List.of(), List.of());
        Policy sibling = new Policy("sibling", List.of(new Policy.PriorityRule("sibling", 1)), List.of(), Map.of(),
                true, List.of());
        Market m = Market.of(d, 0, sibling, TieBreak.SINGLE, 99);
        Outcome o = Assigner.run(m, Mechanism.DA);
        int kid = m.students().indexOf(students.get(1));
        assertThat(m.priorityAt(kid, 0)).isEqualTo(1);
        assertThat(m.priorityAt(m.students().indexOf(students.get(2)), 0)).isEqualTo(Policy.NO_PRIORITY);
        assertThat(m.schools().get(o.schoolOf(kid)).id()).isEqualTo("A");
    }
}
