package org.mosaic.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import org.mosaic.enroll.EligibilityRule;
import org.mosaic.enroll.Policy;
import org.mosaic.io.StrictConfig;

/**
 * Reads an integration policy written in YAML or JSON (schema in docs/enroll.md), strictly: an unknown key or a value
 * of the wrong type is an error naming the file and the key path (e.g. {@code seats[1].share}) with the expected
 * form, and every problem is reported at once. The command line reads a file, the web page sends what was typed; both
 * come here so they report the same problems.
 */
public final class PolicyText {
    private PolicyText() {
    }

    /** YAML unless the name ends in .json (YAML is a superset of JSON, but JSON's errors read better). */
    public static Policy parse(String name, String text) {
        return parse(name, text, !name.endsWith(".json"));
    }

    public static Policy parse(String name, String text, boolean yaml) {
        return read(StrictConfig.parse(name, text, yaml));
    }

    /** The policy in a parsed file; every problem is reported at once, as exit 2. */
    public static Policy read(StrictConfig c) {
        StrictConfig.Node root = c.root();
        String name = root.text("name", "policy");
        root.text("description", "");
        List<Policy.PriorityRule> rules = new ArrayList<>();
        for (StrictConfig.Node r : root.list("priorities")) {
            String when = r.text("when", "");
            if (when.isEmpty()) {
                r.reject("when", "", "zone, current_school, sibling, or an eligibility rule such as frl = 1");
            } else if (!List.of("zone", "current_school", "sibling").contains(when)) {
                rule(r, "when", when);
            }
            if (!r.has("priority")) {
                r.reject("priority", "", "a whole number from 0 to 1000000 (smaller wins)");
            }
            rules.add(new Policy.PriorityRule(when, r.whole("priority", 0, 0, 1_000_000)));
        }
        List<Policy.SlotType> seats = seats(root.list("seats"));
        Map<String, List<Policy.SlotType>> schools = new LinkedHashMap<>();
        StrictConfig.Node bySchool = root.mapping("schools");
        for (String school : bySchool.keys()) {
            schools.put(school, seats(bySchool.list(school)));
        }
        boolean revertUnused = root.flag("revert_unused", true);
        List<Policy.SoftBound> bounds = new ArrayList<>();
        for (StrictConfig.Node b : root.list("soft_bounds")) {
            String type = b.text("type", "");
            if (type.isEmpty()) {
                b.reject("type", "", "a name for the student type, e.g. frl");
            }
            EligibilityRule member = rule(b, "member", b.text("member", ""));
            double floor = b.decimal("floor", -1, 0, 1);
            double ceiling = b.decimal("ceiling", -1, 0, 1);
            double band = b.decimal("band", 0.10, 0, 1);
            bounds.add(new Policy.SoftBound(type, member, floor, ceiling, band));
        }
        c.finish();
        return new Policy(name, rules, seats, schools, revertUnused, bounds);
    }

    private static List<Policy.SlotType> seats(List<StrictConfig.Node> list) {
        List<Policy.SlotType> out = new ArrayList<>();
        for (StrictConfig.Node t : list) {
            String type = t.text("type", "");
            if (type.isEmpty()) {
                t.reject("type", "", "a name for the seat type, e.g. open or tier1");
            }
            double share = -1;
            int count = -1;
            if (t.has("count") && t.has("share")) {
                t.reject("share", t.text("share", ""), "either share or count for one seat type, not both");
            }
            if (t.has("count")) {
                count = t.whole("count", -1, 0, 10_000_000);
            } else if (!"rest".equals(t.text("share", "rest"))) {
                OptionalDouble s = t.number("share", "a share between 0 and 1, or rest");
                if (s.isPresent() && (s.getAsDouble() < 0 || s.getAsDouble() > 1)) {
                    t.reject("share", t.text("share", ""), "a share between 0 and 1, or rest");
                } else if (s.isPresent()) {
                    share = s.getAsDouble();
                }
            }
            EligibilityRule eligible = rule(t, "eligible", t.text("eligible", "any"));
            String order = t.text("order", "priority").toLowerCase(Locale.ROOT);
            Policy.Order o = Policy.Order.PRIORITY;
            if (order.equals("lottery")) {
                o = Policy.Order.LOTTERY;
            } else if (order.startsWith("score:")) {
                o = Policy.Order.score(order.substring("score:".length()).trim());
            } else if (!order.equals("priority")) {
                t.reject("order", order, "priority, lottery, or score:SUBJECT (e.g. score:math)");
            }
            out.add(new Policy.SlotType(type, share, count, eligible, o));
        }
        return out;
    }

    private static EligibilityRule rule(StrictConfig.Node node, String key, String text) {
        try {
            return EligibilityRule.parse(text);
        } catch (IllegalArgumentException e) {
            node.reject(key, text, e.getMessage());
            return EligibilityRule.ANY;
        }
    }
}
