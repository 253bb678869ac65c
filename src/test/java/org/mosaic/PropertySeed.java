package org.mosaic;

/**
 * The one seed every jqwik property runs with. jqwik draws a new seed on each run by default, so a property whose
 * bound a rare draw crosses failed about one build in 140, unrelated to the change under test; a build's result must
 * depend only on its commit. To explore new draws, change this value locally, or pass a seed to one property
 * (jqwik prints the seed of every failure).
 */
public final class PropertySeed {
    public static final String FIXED = "20261202";

    private PropertySeed() {
    }
}
