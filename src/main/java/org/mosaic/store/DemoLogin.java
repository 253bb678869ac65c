package org.mosaic.store;

/** A demo account and its random password, returned once so the demo can print it; the store keeps only the hash. */
public record DemoLogin(String username, WebRole role, String schoolId, String sectionId, String password) {
}
