package org.mosaic.model;

public enum SchoolType {
    NEIGHBORHOOD, CHARTER, MAGNET;

    public String code() {
        return name().toLowerCase();
    }
}
