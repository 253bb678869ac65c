package org.mosaic.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mosaic.model.Cluster;
import org.mosaic.model.Dataset;
import org.mosaic.model.School;

/**
 * SHA-256 of a dataset's content, stored with each version so that a load can prove it got back exactly what was
 * saved, and two imports of the same files can be recognised. Records are hashed through their canonical text
 * forms; schools by hand, because a copied map's iteration order is not stable across JVM runs.
 */
public final class DatasetChecksum {
    private DatasetChecksum() {
    }

    public static String of(Dataset d) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        add(md, "district", d.district().id(), d.district().name());
        for (School s : d.schools()) {
            Map<Integer, Integer> caps = new TreeMap<>(s.capacityByGrade());
            add(md, "school", s.id(), s.name(), s.type(), s.clusterId(), s.lowGrade(), s.highGrade(), s.location(),
                    s.zone(), caps);
        }
        for (Cluster c : d.district().clusters()) {
            add(md, "cluster", c.id(), c.name(), c.highSchoolId(), c.schoolIds());
        }
        addAll(md, d.students());
        addAll(md, d.scores());
        addAll(md, d.choices());
        addAll(md, d.priorities());
        addAll(md, d.requests());
        addAll(md, d.sections());
        addAll(md, d.rosters());
        return HexFormat.of().formatHex(md.digest());
    }

    private static void addAll(MessageDigest md, List<?> records) {
        md.update(("#" + records.size() + "\n").getBytes(StandardCharsets.UTF_8));
        for (Object r : records) {
            md.update(r.toString().getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
    }

    private static void add(MessageDigest md, Object... fields) {
        for (Object f : fields) {
            md.update(String.valueOf(f).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0x1f);
        }
        md.update((byte) '\n');
    }
}
