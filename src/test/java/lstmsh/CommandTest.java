package lstmsh;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Test layer: command lines through the dispatcher over a captured console, no terminal (mvn -o test -Dgroups=commands). */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("commands")
public @interface CommandTest {}
