package lstmsh;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Test layer: the shell on a terminal: JLine's line editor, rendering, a real terminal (mvn -o test -Dgroups=terminal). */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("terminal")
public @interface TerminalTest {}
