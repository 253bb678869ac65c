package org.mosaic.io.synthetic;

/**
 * Knobs of the synthetic district. Defaults are documented with their sources in docs/generator.md; each is an
 * approximate national figure, chosen so that the sample district looks like a mid-sized US urban district.
 */
public record GeneratorOptions(long seed, int students, int lastYear) {
    public static final int DEFAULT_STUDENTS = 20_000;
    public static final int DEFAULT_LAST_YEAR = 2026;

    public GeneratorOptions {
        if (students < 500) {
            throw new IllegalArgumentException("a district needs at least 500 students (got " + students + ")");
        }
    }

    public static GeneratorOptions of(long seed, int students) {
        return new GeneratorOptions(seed, students, DEFAULT_LAST_YEAR);
    }
}
