package org.mosaic.model;

/** A counselor's or family's request that two students be placed apart or together. */
public record PlacementRequest(String studentA, String studentB, RequestKind kind) {
}
