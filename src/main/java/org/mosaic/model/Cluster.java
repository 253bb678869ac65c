package org.mosaic.model;

import java.util.List;

/** A high school and the middle and elementary schools that feed it, held accountable together. */
public record Cluster(String id, String name, String highSchoolId, List<String> schoolIds) {
    public Cluster {
        schoolIds = List.copyOf(schoolIds);
    }
}
