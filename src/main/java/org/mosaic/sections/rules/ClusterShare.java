package org.mosaic.sections.rules;

/**
 * A rule's share of the bounds, the drafts, the search and the repair when it gathers one kind of student into a set
 * number of cluster sections, min..max of them in each (at most a share of the section) and fewer than min in any
 * other: gifted cluster grouping. It is a rule on the whole grade (how many sections are clusters), which the search
 * and the repair follow incrementally from each section's count of these students.
 */
public interface ClusterShare {
    /** In force: asked for, and enough students for one cluster. */
    boolean on();

    /** The school asked for it (a student's reason names it then). */
    boolean asked();

    /** Whether student i is of the kind the rule clusters (whether or not it is in force). */
    boolean marks(int i);

    /** How many students it clusters. */
    int marked();

    /** The fewest in a cluster section; a section with fewer is not a cluster. */
    int min();

    /** The most in a cluster section, whatever its size. */
    int max();

    /** How many cluster sections the rule asks for among {@code sections}. */
    int count(int sections);

    /** The most a cluster section of z students may hold. */
    int limit(int z);

    /** Whether a cluster section of {@code size} students keeps the rule with {@code count} of them. */
    boolean fits(int count, int size);

    /** The share of a section a cluster may take, in whole percent. */
    long percent();

    /** The snake deal's cluster size for a section of z students: the share of z rounded down, at most max. */
    int dealLimit(int z);
}
