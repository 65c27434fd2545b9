package dev.proxylint.apache;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

/**
 * Hands out one mutable token again and again: the parser reads type and offsets of each token
 * before asking for the next, so no token object per token is needed (millions on big configs).
 */
final class ReusedTokenFactory implements TokenFactory<CommonToken> {
    private CommonToken token;

    @Override
    public CommonToken create(Pair<TokenSource, CharStream> source, int type, String text, int channel,
            int start, int stop, int line, int charPositionInLine) {
        CommonToken t = token;
        if (t == null) {
            t = new CommonToken(source, type, channel, start, stop);
            token = t;
        } else {
            t.setType(type);
            t.setChannel(channel);
            t.setStartIndex(start);
            t.setStopIndex(stop);
        }
        t.setLine(line);
        t.setCharPositionInLine(charPositionInLine);
        if (text != null) {
            t.setText(text);
        }
        return t;
    }

    @Override
    public CommonToken create(int type, String text) {
        return new CommonToken(type, text);
    }
}
