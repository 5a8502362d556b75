package dev.hourglass.cli;

import dev.hourglass.recipe.LearningRateScaling;
import dev.hourglass.recipe.WarmupKind;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** Lets {@code --warmup gradual} and {@code --warmup GRADUAL} both work. */
final class CaseInsensitive {

    private CaseInsensitive() {
    }

    static final class Scaling implements ITypeConverter<LearningRateScaling> {
        @Override
        public LearningRateScaling convert(String value) {
            return LearningRateScaling.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    static final class Warmup implements ITypeConverter<WarmupKind> {
        @Override
        public WarmupKind convert(String value) {
            return WarmupKind.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
