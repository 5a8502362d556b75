package dev.hourglass.recipe;

import java.math.BigDecimal;
import java.math.MathContext;

/** Rates are products of decimal constants; rounding away binary noise makes 0.1*8192/256 print as 3.2. */
final class SignificantDigits {

    private static final MathContext TWELVE = new MathContext(12);

    private SignificantDigits() {
    }

    static double round(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).round(TWELVE).doubleValue();
    }
}
