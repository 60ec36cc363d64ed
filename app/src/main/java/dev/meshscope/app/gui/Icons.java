// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import javafx.scene.control.Button;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** The Ikonli (Material Design 2) icons MeshScope uses, and buttons carrying them. FX thread. */
public final class Icons {
    /** Create. */
    public static final Ikon CREATE = MaterialDesignP.PLAY_CIRCLE_OUTLINE;
    /** Close. */
    public static final Ikon CLOSE = MaterialDesignS.STOP_CIRCLE_OUTLINE;
    /** Random id. */
    public static final Ikon RANDOM = MaterialDesignD.DICE_5_OUTLINE;
    /** Add. */
    public static final Ikon ADD = MaterialDesignP.PLUS;
    /** Remove. */
    public static final Ikon REMOVE = MaterialDesignM.MINUS;
    /** Copy. */
    public static final Ikon COPY = MaterialDesignC.CONTENT_COPY;
    /** Apply a pasted blob. */
    public static final Ikon APPLY = MaterialDesignC.CHECK_BOLD;
    /** Cancel. */
    public static final Ikon CANCEL = MaterialDesignC.CLOSE_CIRCLE_OUTLINE;
    /** Folder. */
    public static final Ikon FOLDER = MaterialDesignF.FOLDER_NETWORK_OUTLINE;
    /** Send. */
    public static final Ikon SEND = MaterialDesignS.SEND;
    /** Stop sending. */
    public static final Ikon STOP = MaterialDesignS.STOP;
    /** Export. */
    public static final Ikon EXPORT = MaterialDesignE.EXPORT;
    /** Clear. */
    public static final Ikon CLEAR = MaterialDesignT.TRASH_CAN_OUTLINE;
    /** Peer graph / app. */
    public static final Ikon MESH = MaterialDesignL.LAN;
    /** A refused signaling message (the timeline's verdict). */
    public static final Ikon REFUSED = MaterialDesignA.ALERT_OCTAGON;
    /** An unexpected signaling message, ignored as the demo client does. */
    public static final Ikon UNEXPECTED = MaterialDesignA.ALERT_OUTLINE;
    /** A lobby server. */
    public static final Ikon SERVER = MaterialDesignS.SERVER_NETWORK;
    /** Seal a lobby. */
    public static final Ikon SEAL = MaterialDesignL.LOCK_OUTLINE;
    /** Leave a lobby. */
    public static final Ikon LEAVE = MaterialDesignL.LOGOUT;
    /** Link (signaling). */
    public static final Ikon LINK = MaterialDesignA.ACCOUNT_NETWORK_OUTLINE;

    private Icons() {}

    /** A button with {@code text} and {@code icon}. */
    public static Button button(String text, Ikon icon) {
        Button b = new Button(text, new FontIcon(icon));
        b.setMnemonicParsing(false);
        // Never squeezed to "...": a row too narrow for its buttons makes its container (and window) wider instead.
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return b;
    }

    /** An icon node. */
    public static FontIcon icon(Ikon icon) {
        return new FontIcon(icon);
    }
}
