package lstmsh.command;

import picocli.CommandLine;

import java.util.function.Function;

/**
 * Numbers read as the option parser reads them, refused in the user's words ("a whole number",
 * "a number") instead of Java's type names ("not a long").
 */
final class NumberConverters {

    private NumberConverters() {}

    static void register(CommandLine root) {
        CommandLine.ITypeConverter<Integer> ints = converter(Integer::valueOf, "a whole number");
        CommandLine.ITypeConverter<Long> longs = converter(Long::valueOf, "a whole number");
        CommandLine.ITypeConverter<Double> doubles = converter(Double::valueOf, "a number");
        CommandLine.ITypeConverter<Float> floats = converter(Float::valueOf, "a number");
        root.registerConverter(Integer.class, ints).registerConverter(int.class, ints)
                .registerConverter(Long.class, longs).registerConverter(long.class, longs)
                .registerConverter(Double.class, doubles).registerConverter(double.class, doubles)
                .registerConverter(Float.class, floats).registerConverter(float.class, floats);
    }

    private static <T> CommandLine.ITypeConverter<T> converter(Function<String, T> parse, String kind) {
        return value -> {
            try {
                return parse.apply(value.strip());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not " + kind);
            }
        };
    }
}
