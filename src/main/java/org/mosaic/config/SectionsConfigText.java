package org.mosaic.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mosaic.io.StrictConfig;
import org.mosaic.sections.SectionConfig;
import org.mosaic.sections.SectionProblem;

/**
 * The sections config parser (docs/sections.md): YAML or JSON read strictly, so a misspelled key or a wrong value is
 * an error naming it (exit 2), all reported at once. The command line reads a file with it, the web the text typed
 * into a page, so both take the same keys and report the same problems.
 */
public final class SectionsConfigText {
    private static final List<String> BUILT_IN_WEIGHTS = List.of("gender", "frl", "race", "ell", "iep", "behavior",
            "size");
    private static final double BIG = 1e6;

    private SectionsConfigText() {
    }

    /** A config typed as text: YAML unless the name ends in .json. */
    public static SectionConfig parse(String name, String text) {
        return read(StrictConfig.parse(name, text, !name.endsWith(".json")));
    }

    /** The config in a parsed file or text; reports every unknown key and wrong value at once (exit 2). */
    public static SectionConfig read(StrictConfig c) {
        StrictConfig.Node root = c.root();
        StrictConfig.Node w = root.mapping("weights");
        StrictConfig.Node r = root.mapping("rules");
        SectionProblem.Weights dw = SectionProblem.Weights.defaults();
        SectionProblem.Rules dr = SectionProblem.Rules.defaults();
        // Any other key under weights names an extra column of students.csv to balance.
        Map<String, Double> custom = new LinkedHashMap<>();
        for (String key : w.keys()) {
            if (!BUILT_IN_WEIGHTS.contains(key)) {
                custom.put(key, w.decimal(key, 0, 0, BIG));
            }
        }
        SectionProblem.Weights weights = new SectionProblem.Weights(w.decimal("gender", dw.gender(), 0, BIG),
                w.decimal("frl", dw.frl(), 0, BIG), w.decimal("race", dw.race(), 0, BIG),
                w.decimal("ell", dw.ell(), 0, BIG), w.decimal("iep", dw.iep(), 0, BIG),
                w.decimal("behavior", dw.behavior(), 0, BIG), w.decimal("size", dw.size(), 0, BIG), custom);
        SectionProblem.Rules rules = new SectionProblem.Rules(r.flag("cluster_iep", dr.clusterIep()),
                r.decimal("iep_share", dr.iepShare(), 0, 1), r.whole("iep_max", dr.iepMax(), 0, 1000),
                r.flag("cluster_ell", dr.clusterEll()), r.flag("cluster_gifted", dr.clusterGifted()),
                r.whole("gifted_min", dr.giftedMin(), 0, 1000), r.whole("gifted_max", dr.giftedMax(), 0, 1000),
                r.decimal("gifted_share", dr.giftedShare(), 0, 1));
        List<SectionProblem.AttributeLimit> limits = new ArrayList<>();
        for (StrictConfig.Node rule : root.mappings("section_rules")) {
            limits.addAll(limits(rule));
        }
        SectionProblem.MeanLimit mean = null;
        if (root.isMapping("mean_within")) {
            StrictConfig.Node m = root.mapping("mean_within");
            mean = new SectionProblem.MeanLimit(m.decimal("points", 0, 0, BIG), m.decimal("weight", 0, 0, BIG));
            if (!m.has("points")) {
                root.reject("mean_within", "", "a number of points, or {points: X, weight: W}");
            }
        } else if (root.has("mean_within")) {
            mean = new SectionProblem.MeanLimit(root.decimal("mean_within", 0, 0, BIG), 0);
        }
        SectionConfig config = new SectionConfig(weights, rules, root.whole("co_taught_sections", -1, 0, 10_000),
                root.whole("ell_certified_sections", -1, 0, 10_000), root.whole("min_size", -1, 1, 10_000), limits,
                mean);
        c.finish();
        return config;
    }

    /** One entry of section_rules: an attribute, a value, one or more bounds, and a weight for a soft rule. */
    private static List<SectionProblem.AttributeLimit> limits(StrictConfig.Node rule) {
        String attribute = rule.text("attribute", "");
        String value = rule.text("value", "");
        double weight = rule.decimal("weight", 0, 0, BIG);
        if (attribute.isBlank()) {
            rule.reject("attribute", "", "the column the rule counts (gender, frl, or an extra column of "
                    + "students.csv)");
        }
        if (value.isBlank()) {
            rule.reject("value", "", "the value counted (male, 1, ...)");
        }
        List<SectionProblem.AttributeLimit> out = new ArrayList<>();
        for (SectionProblem.Bound b : SectionProblem.Bound.values()) {
            if (!rule.has(b.key)) {
                continue;
            }
            double limit = b.share() ? rule.decimal(b.key, 0, 0, 1) : rule.whole(b.key, 0, 0, 100_000);
            out.add(new SectionProblem.AttributeLimit(attribute, value, b, limit, weight));
        }
        if (out.isEmpty()) {
            rule.reject("max", "", "one of min, max, min_share, max_share");
        }
        return out;
    }
}
