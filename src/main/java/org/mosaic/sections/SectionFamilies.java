package org.mosaic.sections;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.mosaic.sections.rules.RuleSet;
import org.mosaic.sections.rules.StudentKinds;

/**
 * Families of interchangeable sections, as the bounds see them: the same capacity and minimum size, opened alike by
 * the placement rules in force (co-taught, EL-certified), and (when asked) the same level. A bound over families
 * instead of sections counts each kind of section once.
 *
 * @param of    each section's family, numbered in the order of their first sections
 * @param first each family's first section, which stands for it
 * @param count how many sections each family has
 */
record SectionFamilies(int[] of, int[] first, int[] count) {
    static SectionFamilies of(SectionProblem p, boolean byLevel) {
        RuleSet rules = RuleSet.of(p);
        int m = p.sections().size();
        Map<String, Integer> index = new LinkedHashMap<>();
        int[] of = new int[m];
        int[] first = new int[m];
        int[] count = new int[m];
        for (int s = 0; s < m; s++) {
            SectionProblem.Slot slot = p.sections().get(s);
            String key = slot.capacity() + "/" + slot.minSize() + "/" + StudentKinds.traits(rules, s) + "/"
                    + (byLevel ? slot.level() : "");
            Integer family = index.putIfAbsent(key, index.size());
            if (family == null) {
                family = index.size() - 1;
                first[family] = s;
            }
            of[s] = family;
            count[family]++;
        }
        return new SectionFamilies(of, Arrays.copyOf(first, index.size()), Arrays.copyOf(count, index.size()));
    }

    int size() {
        return first.length;
    }
}
