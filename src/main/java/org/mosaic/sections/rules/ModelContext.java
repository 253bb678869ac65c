package org.mosaic.sections.rules;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExprBuilder;

/**
 * What a rule needs to state itself to CP-SAT: the model, x[i][s] (student i in section s), each section's size,
 * the objective being built (null in a pure feasibility model), the hint placement and whether it is hinted
 * completely (then a rule hints its own variables from it too, so that CP-SAT starts from the hint's true value).
 */
public record ModelContext(CpModel model, BoolVar[][] x, IntVar[] size, LinearExprBuilder objective, int[] hint,
                           boolean complete) {
}
