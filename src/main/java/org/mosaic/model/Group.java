package org.mosaic.model;

import java.util.List;

/** A small group inside a section, for one subject (and optionally one skill strand). */
public record Group(String id, String sectionId, String subject, String strand, List<String> studentIds) {
    public Group {
        strand = strand == null ? "" : strand;
        studentIds = List.copyOf(studentIds);
    }
}
