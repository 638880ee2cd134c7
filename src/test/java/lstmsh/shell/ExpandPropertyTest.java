package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.util.LstmshException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code ${NAME}} substitution for any line: set names become their values, {@code $${NAME}} stays, an unset name is one line. */
@Tag("commands")
class ExpandPropertyTest {

    private static ShellFixture shell;

    @BeforeContainer
    static void open() {
        shell = new ShellFixture();
    }

    @AfterContainer
    static void close() {
        shell.close();
    }

    /** A piece of a line: literal text, or a variable's name with its value. */
    record Piece(String literal, String name, String value) {}

    private static Arbitrary<String> names() {
        return Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').withChars('_', 'X').ofMinLength(1).ofMaxLength(1),
                Arbitraries.strings().withChars("abcXYZ_.019".toCharArray()).ofMaxLength(6)).as(String::concat);
    }

    @Provide
    Arbitrary<List<Piece>> pieces() {
        Arbitrary<Piece> literal = Arbitraries.strings().withChars("ab {}:-\"'\\#;é\u0000".toCharArray()).ofMaxLength(6)
                .map(s -> new Piece(s, null, null));
        Arbitrary<Piece> variable = Combinators.combine(names(),
                        Arbitraries.strings().withChars("ab {}:-\"' 1.5\\".toCharArray()).ofMaxLength(8))
                .as((name, value) -> new Piece(null, name, value));
        return Arbitraries.oneOf(literal, variable).list().ofMaxSize(6);
    }

    @Property(tries = 2000, seed = "17")
    void setVariablesBecomeTheirValues(@ForAll("pieces") List<Piece> pieces) {
        Map<String, String> variables = shell.workspace.variables();
        variables.clear();
        StringBuilder line = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (Piece p : pieces) {
            if (p.literal() != null) {
                line.append(p.literal());
                expected.add(p.literal());
            } else {
                variables.putIfAbsent(p.name(), p.value());
                line.append("${").append(p.name()).append('}');
                expected.add(variables.get(p.name()));
            }
        }
        assertEquals(String.join("", expected), shell.dispatcher.expand(line.toString()), line.toString());
    }

    @Property(tries = 1000, seed = "17")
    void anEscapedReferenceStaysAndAnUnsetOneIsNamed(@ForAll("names") String name, @ForAll("fallbacks") String fallback) {
        shell.workspace.variables().clear();
        assertEquals("x ${" + name + "} y", shell.dispatcher.expand("x $${" + name + "} y"));
        assertEquals("x " + fallback + " y", shell.dispatcher.expand("x ${" + name + ":-" + fallback + "} y"));
        String message = assertThrows(LstmshException.class, () -> shell.dispatcher.expand("echo ${" + name + "}")).getMessage();
        assertTrue(message.startsWith("no variable '" + name + "'"), message);
        assertFalse(message.contains("\n"), message);
    }

    @Provide("names")
    Arbitrary<String> nameArbitrary() {
        return names();
    }

    @Provide
    Arbitrary<String> fallbacks() {
        return Arbitraries.strings().withChars("ab 1.-:\"'".toCharArray()).ofMaxLength(8);
    }

    @Property(tries = 1000, seed = "17")
    void aLineWithoutAReferenceIsLeftAlone(@ForAll String line) {
        String text = line.replace("${", "$ {");
        assertEquals(text, shell.dispatcher.expand(text));
    }
}
