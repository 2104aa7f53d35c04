package org.autoknots.plugins.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.ParameterException;
import org.autoknots.api.ParameterSpec;
import org.autoknots.api.Parameters;
import org.junit.jupiter.api.Test;

class FormulaFunctionTest {

    private final FormulaFunction function = new FormulaFunction();

    private static Parameters params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Parameters.of(m);
    }

    @Test
    void describesItself() {
        assertEquals("formula", function.id());
        assertTrue(function.acceptsOtherParameters());
        ParameterSpec expression = function.parameters().get(0);
        assertEquals("expression", expression.name());
        assertTrue(expression.required());
        ParameterSpec variable = function.parameters().get(1);
        assertEquals("variable", variable.name());
        assertEquals("x", variable.defaultValue());
    }

    @Test
    void createsTheFunctionWithItsNamedNumbers() {
        FunctionInstance f = function.create(params("expression", "rho0 / ((1 + r/r0) * (1 + (r/r0)^2))",
                "variable", "r", "rho0", 3.0, "r0", 2));
        double r = 1.7;
        double q = r / 2.0;
        assertEquals(3.0 / ((1 + q) * (1 + q * q)), f.value(r), 1e-15);
    }

    @Test
    void missingExpressionIsAnError() {
        ParameterException e = assertThrows(ParameterException.class, () -> function.create(params("a", 1.0)));
        assertEquals("expression", e.parameter());
    }

    @Test
    void textForANamedNumberIsAnError() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> function.create(params("expression", "k*x", "k", "two")));
        assertEquals("k", e.parameter());
        assertTrue(e.getMessage().contains("must be a number"), e.getMessage());
    }

    @Test
    void unknownAndUnusedNamesAreErrors() {
        ParameterException unknown = assertThrows(ParameterException.class,
                () -> function.create(params("expression", "k*x")));
        assertEquals("expression", unknown.parameter());
        assertTrue(unknown.getMessage().contains("unknown name 'k'"), unknown.getMessage());
        ParameterException unused = assertThrows(ParameterException.class,
                () -> function.create(params("expression", "2*x", "k", 1.0)));
        assertEquals("k", unused.parameter());
    }
}
