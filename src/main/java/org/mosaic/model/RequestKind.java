package org.mosaic.model;

public enum RequestKind {
    APART, TOGETHER;

    public String code() {
        return name().toLowerCase();
    }
}
