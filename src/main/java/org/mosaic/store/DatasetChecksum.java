package org.mosaic.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.mosaic.io.DatasetOutline;
import org.mosaic.io.DatasetSink;
import org.mosaic.io.RowSource;
import org.mosaic.model.Choice;
import org.mosaic.model.Cluster;
import org.mosaic.model.Dataset;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.Priority;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.School;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * SHA-256 of a dataset's content, stored with each version so that a load can prove it got back exactly what was
 * saved, and two imports of the same files can be recognised. Records are hashed through their canonical text
 * forms; schools by hand, because a copied map's iteration order is not stable across JVM runs. Each list is hashed
 * as its row count, then its rows: the counts come from the outline, so a streamed dataset hashes as it passes.
 */
public final class DatasetChecksum implements DatasetSink {
    private final MessageDigest md;
    /**
     * When verifying a stored dataset: the digest as Mosaic computed it before students had attributes (2026-12-02),
     * when a student's text ended at its family name. Versions saved then must still load.
     */
    private final MessageDigest beforeAttributes;
    private final DatasetOutline outline;
    private final RowText text = new RowText();
    private int open = -1;

    /** Starts the digest of a dataset with this outline; feed it the rows, then call {@link #finish()}. */
    public DatasetChecksum(DatasetOutline outline) {
        this(outline, false);
    }

    /** A digest for checking a stored dataset against its stored checksum with {@link #matching}. */
    static DatasetChecksum verifying(DatasetOutline outline) {
        return new DatasetChecksum(outline, true);
    }

    private DatasetChecksum(DatasetOutline outline, boolean verifying) {
        md = sha256();
        beforeAttributes = verifying && outline.studentAttributes().isEmpty() ? sha256() : null;
        this.outline = outline;
        add("district", outline.districtId(), outline.districtName());
        for (School s : outline.schools()) {
            Map<Integer, Integer> caps = new TreeMap<>(s.capacityByGrade());
            add("school", s.id(), s.name(), s.type(), s.clusterId(), s.lowGrade(), s.highGrade(), s.location(),
                    s.zone(), caps);
        }
        for (Cluster c : outline.clusters()) {
            add("cluster", c.id(), c.name(), c.highSchoolId(), c.schoolIds());
        }
    }

    public static String of(Dataset d) {
        DatasetChecksum sum = new DatasetChecksum(DatasetOutline.of(d));
        RowSource.of(d).rows(sum);
        return sum.finish();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The hex digest; the lists no row reached are hashed as empty. */
    public String finish() {
        enter(DatasetOutline.LISTS.size() - 1);
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * For a digest made by {@link #verifying}: {@code stored} when the rows match it in the current form or in the
     * form of versions saved before students had attributes; otherwise the current digest, which differs from it.
     */
    String matching(String stored) {
        String now = finish();
        if (now.equals(stored) || beforeAttributes == null) {
            return now;
        }
        String before = HexFormat.of().formatHex(beforeAttributes.digest());
        return before.equals(stored) ? before : now;
    }

    private void enter(int list) {
        if (list < open) {
            throw new IllegalStateException("rows of " + DatasetOutline.LISTS.get(list) + " after "
                    + DatasetOutline.LISTS.get(open));
        }
        while (open < list) {
            open++;
            update(("#" + outline.counts().get(open) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void update(byte[] bytes) {
        md.update(bytes);
        if (beforeAttributes != null) {
            beforeAttributes.update(bytes);
        }
    }

    /** Hashes one row's text (see {@link RowText}) and a newline. */
    private void record(int list, CharSequence text) {
        enter(list);
        byte[] row = text.toString().getBytes(StandardCharsets.UTF_8);
        md.update(row);
        md.update((byte) '\n');
        if (beforeAttributes != null) {
            beforeAttributes.update(row);
            beforeAttributes.update((byte) '\n');
        }
    }

    @Override
    public void student(Student s) {
        if (beforeAttributes == null) {
            record(0, text.student(s));
            return;
        }
        enter(0);
        md.update(text.student(s).toString().getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
        beforeAttributes.update(text.studentBeforeAttributes(s).toString().getBytes(StandardCharsets.UTF_8));
        beforeAttributes.update((byte) '\n');
    }

    @Override
    public void score(Score s) {
        record(1, text.score(s));
    }

    @Override
    public void choice(Choice c) {
        record(2, text.choice(c));
    }

    @Override
    public void priority(Priority p) {
        record(3, text.priority(p));
    }

    @Override
    public void request(PlacementRequest r) {
        record(4, text.request(r));
    }

    @Override
    public void section(Section s) {
        record(5, text.section(s));
    }

    @Override
    public void roster(RosterEntry r) {
        record(6, text.roster(r));
    }

    private void add(Object... fields) {
        for (Object f : fields) {
            update(String.valueOf(f).getBytes(StandardCharsets.UTF_8));
            update(new byte[] {0x1f});
        }
        update(new byte[] {'\n'});
    }
}
