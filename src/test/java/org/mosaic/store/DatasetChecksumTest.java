package org.mosaic.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.mosaic.model.Cluster;
import org.mosaic.model.Dataset;
import org.mosaic.model.School;

/**
 * The streamed checksum is the one datasets were saved with before streaming: a version stored by an older Mosaic
 * must still load. The oracle below is that older, whole-dataset computation, kept here as written then.
 */
class DatasetChecksumTest {
    @Test
    void theStreamedDigestEqualsTheWholeDatasetDigestOfEarlierVersions() throws Exception {
        for (Dataset d : List.of(SyntheticDataset.of(40, 3), SyntheticDataset.of(1, 1))) {
            assertThat(DatasetChecksum.of(d)).isEqualTo(wholeDatasetDigest(d));
        }
        Dataset d = SyntheticDataset.of(40, 3);
        Dataset noRosters = new Dataset(d.district(), d.scores(), d.choices(), d.priorities(), d.requests(),
                d.sections(), List.of());
        assertThat(DatasetChecksum.of(noRosters)).isEqualTo(wholeDatasetDigest(noRosters))
                .isNotEqualTo(DatasetChecksum.of(d));
    }

    /** The fast row text is the record's own toString() (the oracle), row for row, so stored checksums still match. */
    @Test
    void rowTextIsTheRecordsOwnText() {
        Dataset d = SyntheticDataset.of(300, 4);
        RowText text = new RowText();
        assertThat(d.students()).allSatisfy(s -> assertThat(text.student(s).toString()).isEqualTo(s.toString()));
        assertThat(d.scores()).allSatisfy(s -> assertThat(text.score(s).toString()).isEqualTo(s.toString()));
        assertThat(d.scores()).anySatisfy(s -> assertThat(s.gradeEquivalent()).isPresent())
                .anySatisfy(s -> assertThat(s.gradeEquivalent()).isEmpty());
        assertThat(d.choices()).allSatisfy(c -> assertThat(text.choice(c).toString()).isEqualTo(c.toString()));
        assertThat(d.priorities()).isNotEmpty()
                .allSatisfy(p -> assertThat(text.priority(p).toString()).isEqualTo(p.toString()));
        assertThat(d.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(text.request(r).toString()).isEqualTo(r.toString()));
        assertThat(d.sections()).allSatisfy(s -> assertThat(text.section(s).toString()).isEqualTo(s.toString()));
        assertThat(d.rosters()).allSatisfy(r -> assertThat(text.roster(r).toString()).isEqualTo(r.toString()));
    }

    /** A student's own columns are hashed in name order, the same text in every JVM run; toString() is the oracle. */
    @Test
    void studentAttributesAreHashedInNameOrder() {
        org.mosaic.model.Student s = SyntheticDataset.of(3, 1).students().get(0);
        org.mosaic.model.Student one = withAttributes(s, java.util.Map.of("leader", "1"));
        RowText text = new RowText();
        assertThat(text.student(one).toString()).isEqualTo(one.toString()).endsWith(", attributes={leader=1}]");
        org.mosaic.model.Student two = withAttributes(s, java.util.Map.of("support", "0", "leader", "1"));
        assertThat(text.student(two).toString())
                .isEqualTo(s.toString().replace("attributes={}", "attributes={leader=1, support=0}"));
    }

    /** Versions saved before students had attributes hashed a student's text up to its family name: they still load. */
    @Test
    void versionsSavedBeforeAttributesStillVerify() throws Exception {
        Dataset d = SyntheticDataset.of(40, 3);
        String before = wholeDatasetDigest(d, r -> r.toString().replace(", attributes={}]", "]"));
        assertThat(before).isNotEqualTo(DatasetChecksum.of(d));
        DatasetChecksum check = DatasetChecksum.verifying(org.mosaic.io.DatasetOutline.of(d));
        org.mosaic.io.RowSource.of(d).rows(check);
        assertThat(check.matching(before)).isEqualTo(before);
        DatasetChecksum other = DatasetChecksum.verifying(org.mosaic.io.DatasetOutline.of(d));
        org.mosaic.io.RowSource.of(d).rows(other);
        assertThat(other.matching("0".repeat(64))).isEqualTo(DatasetChecksum.of(d));
    }

    private static org.mosaic.model.Student withAttributes(org.mosaic.model.Student s,
                                                           java.util.Map<String, String> a) {
        return new org.mosaic.model.Student(s.id(), s.grade(), s.schoolId(), s.home(), s.zone(), s.tract(), s.frl(),
                s.race(), s.gender(), s.ell(), s.iep(), s.gifted(), s.sesTier(), s.behavior(), s.givenName(),
                s.familyName(), a);
    }

    private static String wholeDatasetDigest(Dataset d) throws Exception {
        return wholeDatasetDigest(d, Object::toString);
    }

    private static String wholeDatasetDigest(Dataset d, java.util.function.Function<Object, String> text)
            throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        add(md, "district", d.district().id(), d.district().name());
        for (School s : d.schools()) {
            add(md, "school", s.id(), s.name(), s.type(), s.clusterId(), s.lowGrade(), s.highGrade(), s.location(),
                    s.zone(), new TreeMap<>(s.capacityByGrade()));
        }
        for (Cluster c : d.district().clusters()) {
            add(md, "cluster", c.id(), c.name(), c.highSchoolId(), c.schoolIds());
        }
        for (List<?> list : List.of(d.students(), d.scores(), d.choices(), d.priorities(), d.requests(),
                d.sections(), d.rosters())) {
            md.update(("#" + list.size() + "\n").getBytes(StandardCharsets.UTF_8));
            for (Object r : list) {
                md.update(text.apply(r).getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void add(MessageDigest md, Object... fields) {
        for (Object f : fields) {
            md.update(String.valueOf(f).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0x1f);
        }
        md.update((byte) '\n');
    }
}
