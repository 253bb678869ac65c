package org.mosaic.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything Mosaic knows about a district at one moment: the district itself, assessment scores, school-choice
 * applications, priorities, placement requests, and (optionally) the current sections and their rosters.
 */
public record Dataset(District district, List<Score> scores, List<Choice> choices, List<Priority> priorities,
                      List<PlacementRequest> requests, List<Section> sections, List<RosterEntry> rosters) {
    public Dataset {
        Objects.requireNonNull(district);
        scores = unmodifiable(scores);
        choices = unmodifiable(choices);
        priorities = unmodifiable(priorities);
        requests = unmodifiable(requests);
        sections = unmodifiable(sections);
        rosters = unmodifiable(rosters);
    }

    private static <T> List<T> unmodifiable(List<T> list) {
        if (list == null) {
            return List.of();
        }
        // Large lists (millions of scores) are wrapped, not copied.
        return Collections.unmodifiableList(list instanceof ArrayList<?> ? list : new ArrayList<>(list));
    }

    public List<Student> students() {
        return district.students();
    }

    public List<School> schools() {
        return district.schools();
    }

    /** The most recent annual overall score of each student in a subject (strand and term empty). */
    public Map<String, Double> latestScores(String subject) {
        Map<String, Score> best = new LinkedHashMap<>();
        for (Score s : scores) {
            if (s.subject().equalsIgnoreCase(subject) && s.strand().isEmpty()) {
                Score prev = best.get(s.studentId());
                if (prev == null || s.year() > prev.year() || (s.year() == prev.year() && s.term().isEmpty())) {
                    best.put(s.studentId(), s);
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        best.forEach((id, s) -> out.put(id, s.scale()));
        return out;
    }

    /** The most recent grade-level equivalent of a student in a subject, if the assessment reports one. */
    public OptionalDouble latestGradeEquivalent(String studentId, String subject) {
        Score best = null;
        for (Score s : scores) {
            if (s.studentId().equals(studentId) && s.subject().equalsIgnoreCase(subject) && s.strand().isEmpty()
                    && s.gradeEquivalent().isPresent() && (best == null || s.year() > best.year())) {
                best = s;
            }
        }
        return best == null ? OptionalDouble.empty() : best.gradeEquivalent();
    }

    public Optional<Section> section(String sectionId) {
        return sections.stream().filter(s -> s.id().equals(sectionId)).findFirst();
    }

    /** Student ids on a section's roster, in file order. */
    public List<String> roster(String sectionId) {
        return rosters.stream().filter(r -> r.sectionId().equals(sectionId)).map(RosterEntry::studentId).toList();
    }

    public Dataset withDistrict(District newDistrict) {
        return new Dataset(newDistrict, scores, choices, priorities, requests, sections, rosters);
    }
}
