// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.create;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.IceTransportPolicy;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.session.CreateRequest;
import dev.meshscope.session.SessionCommands;
import dev.meshscope.session.SessionState;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Create panel and the always-visible status: mode, own id (checked against Godot's ranges as it is
 * typed), extra channels, ICE servers, Create and Close, connection status, unique id and
 * refuse-new-connections. FX thread; plain Java (no nodes); commands go to {@link SessionCommands}.
 */
public final class CreateViewModel {
    /** The modes offered, in the order Godot documents them. */
    public static final List<NetworkMode> MODES = List.of(NetworkMode.SERVER, NetworkMode.CLIENT, NetworkMode.MESH);

    private final SessionCommands commands;
    private final Executor fx;
    private final ObjectProperty<NetworkMode> mode = new SimpleObjectProperty<>(this, "mode", NetworkMode.MESH);
    private final StringProperty idText = new SimpleStringProperty(this, "idText", "");
    private final ReadOnlyStringWrapper idProblem = new ReadOnlyStringWrapper(this, "idProblem", "");
    private final ObservableList<TransferMode> extraChannels = FXCollections.observableArrayList();
    private final ObjectProperty<TransferMode> nextExtra =
            new SimpleObjectProperty<>(this, "nextExtra", TransferMode.RELIABLE);
    private final StringProperty iceText = new SimpleStringProperty(this, "iceText", "");
    private final ReadOnlyStringWrapper iceProblem = new ReadOnlyStringWrapper(this, "iceProblem", "");
    private final ReadOnlyBooleanWrapper created = new ReadOnlyBooleanWrapper(this, "created", false);
    private final ReadOnlyBooleanWrapper createDisabled = new ReadOnlyBooleanWrapper(this, "createDisabled", true);
    private final ReadOnlyObjectWrapper<ConnectionStatus> status =
            new ReadOnlyObjectWrapper<>(this, "status", ConnectionStatus.DISCONNECTED);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyStringWrapper uniqueIdText = new ReadOnlyStringWrapper(this, "uniqueIdText", "-");
    private final ReadOnlyObjectWrapper<NetworkMode> activeMode =
            new ReadOnlyObjectWrapper<>(this, "activeMode", NetworkMode.NONE);
    private final BooleanProperty refuse = new SimpleBooleanProperty(this, "refuse", false);
    private final BooleanProperty relayOnly = new SimpleBooleanProperty(this, "relayOnly", false);
    private final ReadOnlyStringWrapper relayProblem = new ReadOnlyStringWrapper(this, "relayProblem", "");
    private final BooleanProperty serverRelay = new SimpleBooleanProperty(this, "serverRelay", true);
    private boolean applyingState;
    /** The id field's problem, shown or not (Create stays disabled either way). */
    private String idProblemNow = "";
    /**
     * The operator typed an id or asked to use the form (Create, Join): only then is the id's problem shown, so a
     * fresh window has no red line nobody caused.
     */
    private boolean idTouched;
    /** Set while this model writes the id field itself (mode change, Random): that is not the operator typing. */
    private boolean settingId;

    /** A panel that sends its commands to {@code commands} and receives replies through {@code fx}. */
    public CreateViewModel(SessionCommands commands, Executor fx) {
        this.commands = Objects.requireNonNull(commands);
        this.fx = Objects.requireNonNull(fx);
        mode.addListener((o, a, b) -> {
            if (b == NetworkMode.SERVER) {
                setId("1");
            } else if (a == NetworkMode.SERVER && "1".equals(idText.get().trim())) {
                setId(b == NetworkMode.MESH ? "1" : "");
            }
            validate();
        });
        idText.addListener((o, a, b) -> {
            if (!settingId) {
                idTouched = true;
            }
            validate();
        });
        iceText.addListener((o, a, b) -> validate());
        refuse.addListener((o, a, b) -> {
            if (!applyingState) {
                commands.setRefuseNewConnections(b);
            }
        });
        relayOnly.addListener((o, a, b) -> validate());
        serverRelay.addListener((o, a, b) -> {
            if (!applyingState) {
                commands.setServerRelay(b);
            }
        });
        validate();
        applyState(MeshSnapshot.empty());
    }

    private void setId(String text) {
        settingId = true;
        try {
            idText.set(text);
        } finally {
            settingId = false;
        }
    }

    private void validate() {
        String p = IdRules.problem(mode.get(), idText.get());
        idProblemNow = p == null ? "" : p;
        idProblem.set(idTouched ? idProblemNow : "");
        String ip = "";
        try {
            IceServersParser.parse(iceText.get());
        } catch (IllegalArgumentException e) {
            ip = e.getMessage();
        }
        iceProblem.set(ip);
        relayProblem.set(ip.isEmpty() ? relayOnlyProblem() : "");
        createDisabled.set(created.get()
                || !idProblemNow.isEmpty()
                || !ip.isEmpty()
                || !relayProblem.get().isEmpty());
    }

    /** Why relay-only ICE cannot be used with the ICE servers typed (no turn: server), or "". */
    private String relayOnlyProblem() {
        if (!relayOnly.get()) {
            return "";
        }
        String p = RtcConfiguration.withServers(IceServersParser.parse(iceText.get()), IceTransportPolicy.RELAY)
                .problem();
        return p == null ? "" : "Relay only (TURN): " + p;
    }

    private IceTransportPolicy policy() {
        return relayOnly.get() ? IceTransportPolicy.RELAY : IceTransportPolicy.ALL;
    }

    /** Asks the mesh thread for Godot's {@code generate_unique_id()} and puts it in the id field. */
    public void random() {
        if (mode.get() == NetworkMode.SERVER) {
            mode.set(NetworkMode.MESH);
        }
        var unused = commands.generateUniqueId().thenAccept(id -> fx.execute(() -> setId(Integer.toString(id))));
    }

    /** Adds an extra channel of the mode chosen in {@link #nextExtraProperty()}. */
    public void addExtraChannel() {
        extraChannels.add(nextExtra.get());
    }

    /** Removes extra channel {@code index} (0 = channel 4); out-of-range indices are ignored. */
    public void removeExtraChannel(int index) {
        if (index >= 0 && index < extraChannels.size()) {
            extraChannels.remove(index);
        }
    }

    /** Sends the create command when the form is valid; returns false (and changes nothing) when it is not. */
    public boolean create() {
        CreateRequest r = formRequest();
        if (r == null || created.get()) {
            return false;
        }
        commands.create(r);
        return true;
    }

    /**
     * What the form describes (mode, id, extra channels, ICE servers), or {@code null} while it has a problem (which
     * is then shown: the operator asked to use the form).
     */
    public CreateRequest formRequest() {
        idTouched = true;
        validate();
        if (!idProblemNow.isEmpty()
                || !iceProblem.get().isEmpty()
                || !relayProblem.get().isEmpty()) {
            return null;
        }
        List<RtcConfiguration.IceServer> ice = IceServersParser.parse(iceText.get());
        return new CreateRequest(
                mode.get(), IdRules.parse(mode.get(), idText.get()), List.copyOf(extraChannels), ice, policy());
    }

    /** What the form describes, or {@code null} while it has a problem; unlike {@link #formRequest} shows nothing. */
    public CreateRequest peekRequest() {
        validate();
        if (!idProblemNow.isEmpty()
                || !iceProblem.get().isEmpty()
                || !relayProblem.get().isEmpty()) {
            return null;
        }
        return new CreateRequest(
                mode.get(),
                IdRules.parse(mode.get(), idText.get()),
                List.copyOf(extraChannels),
                IceServersParser.parse(iceText.get()),
                policy());
    }

    /**
     * What a lobby join asks for: {@code mode}, the extra channels and ICE servers of the form, and no id (the lobby
     * assigns it), or {@code null} while the ICE servers box has a problem (which is then shown). Unlike
     * {@link #formRequest} the id field is not used, so a wrong id there does not stop a lobby join.
     */
    public CreateRequest lobbyRequest(NetworkMode lobbyMode) {
        validate();
        if (!iceProblem.get().isEmpty() || !relayProblem.get().isEmpty()) {
            return null;
        }
        return new CreateRequest(
                lobbyMode, 0, List.copyOf(extraChannels), IceServersParser.parse(iceText.get()), policy());
    }

    /** Sends {@code close()}. */
    public void close() {
        commands.close();
    }

    /** Applies the newest state (FX thread). */
    public void onState(SessionState s) {
        applyState(s.mesh());
        applyingState = true;
        try {
            serverRelay.set(s.controls().serverRelay());
        } finally {
            applyingState = false;
        }
    }

    private void applyState(MeshSnapshot m) {
        status.set(m.status());
        activeMode.set(m.mode());
        boolean isCreated = m.status() != ConnectionStatus.DISCONNECTED;
        created.set(isCreated);
        uniqueIdText.set(isCreated ? Integer.toString(m.uniqueId()) : "-");
        statusText.set(
                isCreated
                        ? m.status() + " · " + m.mode() + " · id " + m.uniqueId() + " · "
                                + m.peers().size() + " peer(s)"
                        : "DISCONNECTED · nothing created");
        applyingState = true;
        try {
            refuse.set(m.refusingNew());
        } finally {
            applyingState = false;
        }
        validate();
    }

    /** The mode to create. */
    public ObjectProperty<NetworkMode> modeProperty() {
        return mode;
    }

    /** The own id as typed. */
    public StringProperty idTextProperty() {
        return idText;
    }

    /** Why the id cannot be used, or "" (also while the operator has not typed one nor pressed Create or Join). */
    public ReadOnlyStringProperty idProblemProperty() {
        return idProblem.getReadOnlyProperty();
    }

    /** Extra channels (channel 4, 5, ...) by transfer mode. */
    public ObservableList<TransferMode> extraChannels() {
        return extraChannels;
    }

    /** The transfer mode the next added extra channel gets. */
    public ObjectProperty<TransferMode> nextExtraProperty() {
        return nextExtra;
    }

    /** The ICE servers box. */
    public StringProperty iceTextProperty() {
        return iceText;
    }

    /** Why the ICE servers cannot be used, or "". */
    public ReadOnlyStringProperty iceProblemProperty() {
        return iceProblem.getReadOnlyProperty();
    }

    /** True between a successful create and close. */
    public ReadOnlyBooleanProperty createdProperty() {
        return created.getReadOnlyProperty();
    }

    /** True when Create cannot be pressed (already created, or the form has a problem). */
    public ReadOnlyBooleanProperty createDisabledProperty() {
        return createDisabled.getReadOnlyProperty();
    }

    /** The connection status. */
    public ReadOnlyObjectProperty<ConnectionStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The status line text. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** The unique id, or "-" when nothing is created. */
    public ReadOnlyStringProperty uniqueIdTextProperty() {
        return uniqueIdText.getReadOnlyProperty();
    }

    /** The mode of the live peer (NONE when not created). */
    public ReadOnlyObjectProperty<NetworkMode> activeModeProperty() {
        return activeMode.getReadOnlyProperty();
    }

    /** Relay-only ICE (TURN candidates only) for create, folder and lobby joins; needs a turn: server. */
    public BooleanProperty relayOnlyProperty() {
        return relayOnly;
    }

    /** Why relay-only ICE cannot be used with the ICE servers typed, or "". */
    public ReadOnlyStringProperty relayProblemProperty() {
        return relayProblem.getReadOnlyProperty();
    }

    /** SceneMultiplayer server relay as a Godot host does it (setting it sends the command; on by default). */
    public BooleanProperty serverRelayProperty() {
        return serverRelay;
    }

    /** Refuse new connections (setting it sends the command). */
    public BooleanProperty refuseProperty() {
        return refuse;
    }
}
