// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.dictionary;

import dev.meshscope.session.GodotPrinter;
import dev.meshscope.session.SessionState;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * {@code print(multiplayer_peer.get_peers())} as Godot prints it, refreshed from each state, optionally one
 * peer per line for a large mesh. FX thread; plain Java.
 */
public final class DictionaryViewModel {
    private final ReadOnlyStringWrapper raw = new ReadOnlyStringWrapper(this, "raw", "{  }");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "{  }");
    private final BooleanProperty onePerLine = new SimpleBooleanProperty(this, "onePerLine", true);

    /** Creates the model. */
    public DictionaryViewModel() {
        onePerLine.addListener((o, a, b) -> render());
    }

    /** Applies the newest state. */
    public void onState(SessionState s) {
        if (!s.dictionary().equals(raw.get())) {
            raw.set(s.dictionary());
            render();
        }
    }

    private void render() {
        text.set(onePerLine.get() ? GodotPrinter.oneEntryPerLine(raw.get()) : raw.get());
    }

    /** Exactly what Godot's {@code print()} writes (one line). */
    public ReadOnlyStringProperty rawProperty() {
        return raw.getReadOnlyProperty();
    }

    /** What the view shows. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Break the line after each peer (the characters are otherwise Godot's). */
    public BooleanProperty onePerLineProperty() {
        return onePerLine;
    }
}
