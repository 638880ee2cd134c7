package lstmsh.sample;

/** Receives generated text as it is made, with how surprised the model was by each token. */
@FunctionalInterface
public interface TokenSink {

    /**
     * @param piece the text the token adds (at word level, with the space before it)
     * @param token the token's id
     * @param surprisalBits −log2 of its probability under the model at temperature 1
     */
    void accept(String piece, int token, double surprisalBits);

    TokenSink NONE = (piece, token, bits) -> {};
}
