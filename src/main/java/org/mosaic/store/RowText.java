package org.mosaic.store;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import org.mosaic.model.Choice;
import org.mosaic.model.Location;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.Priority;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * The text a row is hashed as in a {@link DatasetChecksum}: character for character the record's {@code toString()}
 * as Java 17 writes it, which is what every stored checksum was computed from, built with one reused StringBuilder.
 * Java 17 builds a record's {@code toString()} with {@code String.format}, and that was 15 % of the time of saving
 * the 20,000-student sample. DatasetChecksumTest compares the two texts on every row of a generated dataset.
 */
final class RowText {
    private final StringBuilder sb = new StringBuilder(256);

    /**
     * A student's text. Its own columns (attributes) are written in name order, so the text is the same in every JVM:
     * {@code toString()} lists a copied map in an order that changes from run to run. Without attributes it ends with
     * {@code attributes={}]}, as {@code toString()}.
     */
    CharSequence student(Student s) {
        studentBeforeAttributes(s);
        sb.setLength(sb.length() - 1);
        sb.append(", attributes={");
        boolean first = true;
        for (Map.Entry<String, String> a : new TreeMap<>(s.attributes()).entrySet()) {
            sb.append(first ? "" : ", ").append(a.getKey()).append('=').append(a.getValue());
            first = false;
        }
        return sb.append("}]");
    }

    /** A student's text as records were written before students had attributes: up to the family name. */
    CharSequence studentBeforeAttributes(Student s) {
        sb.setLength(0);
        sb.append("Student[id=").append(s.id()).append(", grade=").append(s.grade()).append(", schoolId=")
                .append(s.schoolId()).append(", home=");
        location(s.home());
        sb.append(", zone=").append(s.zone()).append(", tract=").append(s.tract()).append(", frl=").append(s.frl())
                .append(", race=").append(s.race()).append(", gender=").append(s.gender()).append(", ell=")
                .append(s.ell()).append(", iep=").append(s.iep()).append(", gifted=").append(s.gifted())
                .append(", sesTier=").append(s.sesTier()).append(", behavior=").append(s.behavior())
                .append(", givenName=").append(s.givenName()).append(", familyName=").append(s.familyName())
                .append(']');
        return sb;
    }

    private void location(Location l) {
        if (l == null) {
            sb.append("null");
            return;
        }
        sb.append("Location[x=").append(l.x()).append(", y=").append(l.y()).append(']');
    }

    CharSequence score(Score s) {
        sb.setLength(0);
        sb.append("Score[studentId=").append(s.studentId()).append(", subject=").append(s.subject())
                .append(", strand=").append(s.strand()).append(", year=").append(s.year()).append(", term=")
                .append(s.term()).append(", scale=").append(s.scale()).append(", gradeEquivalent=");
        OptionalDouble ge = s.gradeEquivalent();
        if (ge.isPresent()) {
            sb.append("OptionalDouble[").append(ge.getAsDouble()).append(']');
        } else {
            sb.append("OptionalDouble.empty");
        }
        return sb.append(']');
    }

    CharSequence choice(Choice c) {
        sb.setLength(0);
        return sb.append("Choice[studentId=").append(c.studentId()).append(", rank=").append(c.rank())
                .append(", schoolId=").append(c.schoolId()).append(']');
    }

    CharSequence priority(Priority p) {
        sb.setLength(0);
        return sb.append("Priority[studentId=").append(p.studentId()).append(", schoolId=").append(p.schoolId())
                .append(", priority=").append(p.priority()).append(']');
    }

    CharSequence request(PlacementRequest r) {
        sb.setLength(0);
        return sb.append("PlacementRequest[studentA=").append(r.studentA()).append(", studentB=")
                .append(r.studentB()).append(", kind=").append(r.kind()).append(']');
    }

    CharSequence section(Section s) {
        sb.setLength(0);
        return sb.append("Section[id=").append(s.id()).append(", schoolId=").append(s.schoolId()).append(", grade=")
                .append(s.grade()).append(", subject=").append(s.subject()).append(", capacity=")
                .append(s.capacity()).append(", level=").append(s.level()).append(", coTaught=")
                .append(s.coTaught()).append(", ellCertified=").append(s.ellCertified()).append(", period=")
                .append(s.period()).append(", teacher=").append(s.teacher()).append(", course=")
                .append(s.course()).append(", term=").append(s.term()).append(']');
    }

    CharSequence roster(RosterEntry r) {
        sb.setLength(0);
        return sb.append("RosterEntry[sectionId=").append(r.sectionId()).append(", studentId=")
                .append(r.studentId()).append(']');
    }
}
