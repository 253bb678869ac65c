package org.mosaic.enroll;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.mosaic.model.BadInputException;
import org.mosaic.model.InputProblem;

/**
 * Parses an integration policy written in YAML or JSON (schema in docs/enroll.md), from text: the command line reads
 * the file, the web page sends what was typed. Problems name the file, the line and column for syntax errors, and
 * the key path (e.g. {@code seats[1].share}) with what was expected otherwise.
 */
public final class PolicyText {
    private final String file;
    private final List<InputProblem> problems = new ArrayList<>();

    private PolicyText(String file) {
        this.file = file;
    }

    /** YAML unless the name ends in .json (YAML is a superset of JSON, but JSON's errors read better). */
    public static Policy parse(String name, String text) {
        return parse(name, text, !name.endsWith(".json"));
    }

    public static Policy parse(String name, String text, boolean yaml) {
        ObjectMapper mapper = yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new BadInputException(List.of(new InputProblem(name, loc == null ? 0 : loc.getLineNr(),
                    loc == null ? "" : "char " + loc.getColumnNr(), "", "valid " + (yaml ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(List.of(new InputProblem(name, 1, "", "", "a mapping with keys name, "
                    + "priorities, seats, schools, revert_unused, soft_bounds")));
        }
        return new PolicyText(name).parse(root);
    }

    private Policy parse(JsonNode root) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of("name", "priorities", "seats", "schools", "revert_unused", "soft_bounds", "description")
                    .contains(key)) {
                problem(key, key, "one of the keys name, description, priorities, seats, schools, revert_unused, "
                        + "soft_bounds");
            }
        }
        String name = root.path("name").asText("policy");
        List<Policy.PriorityRule> rules = new ArrayList<>();
        JsonNode pr = root.path("priorities");
        for (int k = 0; k < pr.size(); k++) {
            JsonNode r = pr.get(k);
            String path = "priorities[" + k + "]";
            keys(r, path, "when", "priority");
            String when = r.path("when").asText("");
            if (when.isEmpty()) {
                problem(path + ".when", "", "zone, current_school, sibling, or an eligibility rule such as frl = 1");
            } else if (!List.of("zone", "current_school", "sibling").contains(when)) {
                rule(path + ".when", when);
            }
            if (!r.path("priority").canConvertToInt()) {
                problem(path + ".priority", r.path("priority").asText(), "a whole number (smaller wins)");
            }
            rules.add(new Policy.PriorityRule(when, r.path("priority").asInt()));
        }
        List<Policy.SlotType> seats = seats(root.path("seats"), "seats");
        Map<String, List<Policy.SlotType>> schools = new LinkedHashMap<>();
        JsonNode sc = root.path("schools");
        for (Iterator<Map.Entry<String, JsonNode>> it = sc.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            schools.put(e.getKey(), seats(e.getValue(), "schools." + e.getKey()));
        }
        List<Policy.SoftBound> bounds = new ArrayList<>();
        JsonNode sb = root.path("soft_bounds");
        for (int k = 0; k < sb.size(); k++) {
            JsonNode b = sb.get(k);
            String path = "soft_bounds[" + k + "]";
            keys(b, path, "type", "member", "floor", "ceiling", "band");
            String type = b.path("type").asText("");
            if (type.isEmpty()) {
                problem(path + ".type", "", "a name for the student type, e.g. frl");
            }
            EligibilityRule member = rule(path + ".member", b.path("member").asText(""));
            double floor = share(b, "floor", path);
            double ceiling = share(b, "ceiling", path);
            double band = b.has("band") ? share(b, "band", path) : 0.10;
            bounds.add(new Policy.SoftBound(type, member, floor, ceiling, band));
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return new Policy(name, rules, seats, schools, root.path("revert_unused").asBoolean(true), bounds);
    }

    private List<Policy.SlotType> seats(JsonNode list, String base) {
        List<Policy.SlotType> out = new ArrayList<>();
        if (list.isMissingNode()) {
            return out;
        }
        if (!list.isArray()) {
            problem(base, list.asText(), "a list of seat types");
            return out;
        }
        for (int k = 0; k < list.size(); k++) {
            JsonNode t = list.get(k);
            String path = base + "[" + k + "]";
            keys(t, path, "type", "share", "count", "eligible", "order");
            String type = t.path("type").asText("");
            if (type.isEmpty()) {
                problem(path + ".type", "", "a name for the seat type, e.g. open or tier1");
            }
            double share = -1;
            int count = -1;
            if (t.has("count")) {
                if (!t.path("count").canConvertToInt() || t.path("count").asInt() < 0) {
                    problem(path + ".count", t.path("count").asText(), "a whole number of seats, 0 or more");
                }
                count = t.path("count").asInt();
            } else if (t.has("share") && !t.path("share").asText().equals("rest")) {
                share = share(t, "share", path);
            }
            EligibilityRule eligible = rule(path + ".eligible", t.path("eligible").asText("any"));
            String order = t.path("order").asText("priority").toLowerCase(Locale.ROOT);
            Policy.Order o = Policy.Order.PRIORITY;
            if (order.equals("lottery")) {
                o = Policy.Order.LOTTERY;
            } else if (order.startsWith("score:")) {
                o = Policy.Order.score(order.substring("score:".length()).trim());
            } else if (!order.equals("priority")) {
                problem(path + ".order", order, "priority, lottery, or score:SUBJECT (e.g. score:math)");
            }
            out.add(new Policy.SlotType(type, share, count, eligible, o));
        }
        return out;
    }

    private double share(JsonNode node, String key, String path) {
        if (!node.has(key)) {
            return -1;
        }
        JsonNode v = node.get(key);
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
            problem(path + "." + key, v.asText(), "a share between 0 and 1");
            return -1;
        }
        return v.asDouble();
    }

    private EligibilityRule rule(String path, String text) {
        try {
            return EligibilityRule.parse(text);
        } catch (IllegalArgumentException e) {
            problem(path, text, e.getMessage());
            return EligibilityRule.ANY;
        }
    }

    /** A misspelled key (shar: 0.3) would be ignored and the policy run without it, so it is an error. */
    private void keys(JsonNode node, String path, String... allowed) {
        if (!node.isObject()) {
            problem(path, node.asText(), "a mapping with the keys " + String.join(", ", allowed));
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of(allowed).contains(key)) {
                problems.add(new InputProblem(file, 0, "", "", "the key '" + path + "." + key + "' is not known; the "
                        + "keys of " + path + " are " + String.join(", ", allowed) + " (a misspelled key would be "
                        + "ignored, so it is an error)"));
            }
        }
    }

    private void problem(String path, String value, String expected) {
        problems.add(new InputProblem(file, 0, path, value, expected));
    }
}
