"""The settings dialog's list of tenants: add, edit, reorder and remove ``[[tenants]]`` entries.

The group keeps each entry as the user typed it (a row of text per field) and checks the list
with :func:`~trayscore.settings.tenants.check_rows`, the checks load runs; the dialog asks it
for the entries (None while any is wrong) and disables OK meanwhile. Strings keep the
translation context "SettingsDialog", as the dialog's other groups do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trayscore.core.catalog import SOURCE_NAMES
from trayscore.settings.model import Settings
from trayscore.settings.tenants import NAME_MAX, Gap, RowCheck, TenantEntry, as_row, check_rows
from trayscore.ui.settings_account import cloud_titles
from trayscore.ui.settings_fields import ERROR_COLOUR, error_label, shown_error
from trayscore.ui.texts import source_title

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

TEXT_FIELDS: Final = ("name", "tenant", "client_id", "authority")
CHOICES: Final = ("cloud", "source")


def gap_text(gap: Gap) -> str:
    """What an entry lacks, in the user's words."""
    texts = {
        Gap.NAME: translate("SettingsDialog", "Required: a name for this tenant."),
        Gap.DUPLICATE: translate("SettingsDialog", "Another tenant has this name already."),
        Gap.TENANT: translate("SettingsDialog", "Required: the tenant (or an authority)."),
        Gap.CLIENT_ID: translate(
            "SettingsDialog", "Required: a client ID here or in the Account group."
        ),
    }
    return texts[gap]


class EntryForm(QWidget):
    """The selected entry's fields, an error line under each text field."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("tenantForm")
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        self.error_labels: dict[str, QLabel] = {}
        texts = {
            "name": (
                translate("SettingsDialog", "Name:"),
                translate("SettingsDialog", "shown in the list of tenants, e.g. Contoso"),
            ),
            "tenant": (
                translate("SettingsDialog", "Tenant:"),
                translate("SettingsDialog", "tenant GUID or contoso.onmicrosoft.com"),
            ),
            "client_id": (
                translate("SettingsDialog", "Client ID:"),
                translate("SettingsDialog", "blank: shared from the Account group's client ID"),
            ),
            "authority": (
                translate("SettingsDialog", "Authority (advanced):"),
                translate("SettingsDialog", "optional: a sign-in authority URL of its own"),
            ),
        }
        for key, (label, placeholder) in texts.items():
            if key == "authority":  # the advanced one last, after the choices
                self._make_choices(form)
            edit = QLineEdit(self)
            edit.setObjectName(f"tenant_{key}")
            edit.setPlaceholderText(placeholder)
            if key == "name":
                edit.setMaxLength(NAME_MAX)
            self.edits[key] = edit
            self.error_labels[key] = error_label(f"tenant_{key}Error", self)
            form.addRow(label, edit)
            form.addRow("", self.error_labels[key])

    def _make_choices(self, form: QFormLayout) -> None:
        self.cloud = QComboBox(self)
        self.cloud.setObjectName("tenant_cloud")
        self.cloud.addItem(translate("SettingsDialog", "Shared: the Account group's cloud"), "")
        for name, title in cloud_titles().items():
            self.cloud.addItem(title, name)
        form.addRow(translate("SettingsDialog", "Cloud:"), self.cloud)
        self.source = QComboBox(self)
        self.source.setObjectName("tenant_source")
        self.source.addItem(translate("SettingsDialog", "Shared: the score shown in the icon"), "")
        for name in SOURCE_NAMES:
            self.source.addItem(source_title(name), name)
        form.addRow(translate("SettingsDialog", "Score shown:"), self.source)
        self.choices = {"cloud": self.cloud, "source": self.source}


class TenantsGroup(QGroupBox):
    """The list by display name, its buttons, and a form for the selected entry."""

    changed = Signal()  # an entry was added, edited, moved or removed

    def __init__(
        self, settings: Settings, account_tenant: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(translate("SettingsDialog", "Tenants"), parent)
        self.setObjectName("tenantsGroup")
        self._account_tenant = account_tenant  # the Account group's tenant as typed now
        self._authority = settings.authority or ""
        self.locked = "tenants" in settings.locked
        self._given = settings.tenants  # a locked list is passed on as it came
        self.rows: list[dict[str, str]] = [as_row(entry) for entry in settings.tenants]
        self.checks: tuple[RowCheck, ...] = ()
        self.entries: tuple[TenantEntry, ...] | None = settings.tenants  # as of the last check
        self._loading = False  # filling the form from an entry is no edit
        layout = QVBoxLayout(self)
        self.note = QLabel(self)
        self.note.setObjectName("tenantsNote")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        layout.addLayout(self._make_list())
        entry = EntryForm(self)
        self.form, self.edits, self.error_labels = entry, entry.edits, entry.error_labels
        self.cloud, self.source, self.choices = entry.cloud, entry.source, entry.choices
        self._connect_form()
        layout.addWidget(self.form)
        self.problem = QLabel(self)
        self.problem.setObjectName("tenantsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.list.currentRowChanged.connect(self._selected)
        for item in self.rows:
            self.list.addItem(self._item_text(item))
        self.list.setCurrentRow(0 if self.rows else -1)
        self._selected(self.list.currentRow())

    def _make_list(self) -> QHBoxLayout:
        """The list by display name, its buttons beside it."""
        self.list = QListWidget(self)
        self.list.setObjectName("tenantList")
        self.list.setAccessibleName(translate("SettingsDialog", "Tenants"))
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 7)  # six names or so
        self._keys: dict[str, QPushButton] = {}  # a key pressed in the list, its button
        self.list.installEventFilter(self)
        buttons = QVBoxLayout()
        self.add_button = self._button(
            "addTenant", translate("SettingsDialog", "Add"), QKeySequence(Qt.Key.Key_Insert)
        )
        self.remove_button = self._button(
            "removeTenant", translate("SettingsDialog", "Remove"), QKeySequence(Qt.Key.Key_Delete)
        )
        self.up_button = self._button(
            "moveTenantUp",
            translate("SettingsDialog", "Move up"),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Up),
        )
        self.down_button = self._button(
            "moveTenantDown",
            translate("SettingsDialog", "Move down"),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Down),
        )
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch()
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        self.filler = QWidget(self)  # with no list to show, Add keeps its own width at the left
        row.addWidget(self.filler, 1)
        return row

    def _button(self, name: str, text: str, key: QKeySequence) -> QPushButton:
        """A button, and its key in the list (the dialog's Alt+letters are all taken)."""
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setToolTip(
            translate("SettingsDialog", "{action} ({key} in the list)").format(
                action=text, key=key.toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        button.setAccessibleDescription(button.toolTip())
        self._keys[key.toString()] = button
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """The list's keys: Insert adds, Delete removes, Ctrl+Up and Ctrl+Down move."""
        if watched is self.list and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination()).toString()
            button = self._keys.get(pressed)
            if button is not None and event.type() == QEvent.Type.KeyPress:
                if button.isEnabled():
                    button.click()
                return True
        return super().eventFilter(watched, event)

    def _connect_form(self) -> None:
        for key, edit in self.edits.items():
            edit.textChanged.connect(lambda text, key=key: self._edited(key, text))
        for key, combo in self.choices.items():
            combo.currentIndexChanged.connect(
                lambda _index, key=key, combo=combo: self._edited(key, str(combo.currentData()))
            )

    # ---- the list ---------------------------------------------------------------------------

    def _item_text(self, row: dict[str, str]) -> str:
        return row["name"].strip() or translate("SettingsDialog", "(no name)")

    def add(self) -> None:
        """A new entry, selected, its name field focused.

        The first one starts the list: the Account group's tenant, until now the one tenant,
        becomes its first entry (so it is not lost), then comes the new one.
        """
        if self.locked:
            return
        tenant = self._account_tenant().strip()
        if not self.rows and (tenant or self._authority):
            first = dict.fromkeys(TEXT_FIELDS + CHOICES, "")
            first |= {"name": tenant or "default", "tenant": tenant, "authority": self._authority}
            self._insert(first)
        self._insert(dict.fromkeys(TEXT_FIELDS + CHOICES, ""))
        self.edits["name"].setFocus()

    def _insert(self, row: dict[str, str]) -> None:
        self.rows.append(row)
        self.list.addItem(self._item_text(row))
        self.list.setCurrentRow(len(self.rows) - 1)
        self.changed.emit()

    def remove(self) -> None:
        """Remove the selected entry; the next one (or the one before) is selected."""
        index = self.list.currentRow()
        if self.locked or index < 0:
            return
        del self.rows[index]
        self.list.takeItem(index)
        self.list.setCurrentRow(min(index, len(self.rows) - 1))
        self._selected(self.list.currentRow())
        self.changed.emit()

    def move_selected(self, step: int) -> None:
        """Move the selected entry up (-1) or down (+1): the list's order is the file's."""
        index = self.list.currentRow()
        target = index + step
        if self.locked or index < 0 or not 0 <= target < len(self.rows):
            return
        self.rows[index], self.rows[target] = self.rows[target], self.rows[index]
        self.list.insertItem(target, self.list.takeItem(index))
        self.list.setCurrentRow(target)
        self.changed.emit()

    # ---- the selected entry -----------------------------------------------------------------

    def _selected(self, index: int) -> None:
        """Show the entry's fields (or, without one, what having none means)."""
        if index < 0 or index >= len(self.rows):
            self.form.hide()
        else:
            row = self.rows[index]
            self._loading = True
            for key, edit in self.edits.items():
                edit.setText(row[key])
            for key, combo in self.choices.items():
                combo.setCurrentIndex(max(0, combo.findData(row[key])))
            self._loading = False
            self.form.show()
        self._update_state()
        self._show_problems()

    def _edited(self, key: str, text: str) -> None:
        index = self.list.currentRow()
        if self._loading or not 0 <= index < len(self.rows):
            return
        self.rows[index][key] = text
        if key == "name":
            item = self.list.item(index)
            if item is not None:
                item.setText(self._item_text(self.rows[index]))
        self.changed.emit()

    def _update_state(self) -> None:
        index, count = self.list.currentRow(), len(self.rows)
        editable = not self.locked
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and index >= 0)
        self.up_button.setEnabled(editable and index > 0)
        self.down_button.setEnabled(editable and 0 <= index < count - 1)
        for widget in (*self.edits.values(), *self.choices.values()):
            widget.setEnabled(editable)
        if self.locked:
            text = translate(
                "SettingsDialog", "Set by your administrator: the list cannot be changed here."
            )
        elif not self.rows:
            text = translate(
                "SettingsDialog",
                "One tenant: the Account group's. Add starts a list of several, beginning with it.",
            )
        else:
            text = translate(
                "SettingsDialog", "trayscore shows these tenants, in this order, in one tray."
            )
        self.note.setText(text)
        self.list.setAccessibleDescription(text)
        # One tenant (a first run, most users): the note and Add alone, no empty list to read
        for widget in (self.list, self.remove_button, self.up_button, self.down_button):
            widget.setVisible(bool(self.rows))
        self.filler.setVisible(not self.rows)

    # ---- checking ---------------------------------------------------------------------------

    def check(self, shared_client_id: str) -> tuple[TenantEntry, ...] | None:
        """The entries, or None while any is wrong; the selected one's errors under its fields.

        ``shared_client_id`` is the Account group's as typed: an entry without its own takes it.
        """
        if self.locked:
            self.entries = self._given  # the administrator's: not the user's to fix
            return self.entries
        self.checks = check_rows(self.rows, shared_client_id)
        self._show_problems()
        entries = [check.entry for check in self.checks]
        valid = tuple(entry for entry in entries if entry is not None)
        self.entries = valid if len(valid) == len(entries) else None
        return self.entries

    def tab_chain(self) -> list[QWidget]:
        """The list, its buttons, then the selected entry's fields, in reading order."""
        buttons = (self.add_button, self.remove_button, self.up_button, self.down_button)
        fields = [self.edits[key] for key in ("name", "tenant", "client_id")]
        return [self.list, *buttons, *fields, self.cloud, self.source, self.edits["authority"]]

    def layouts(self) -> list[QLayout | None]:
        """The group's and its form's layouts: a caller fitting the dialog activates both."""
        return [self.layout(), self.form.layout()]

    def _show_problems(self) -> None:
        index = self.list.currentRow()
        current = self.checks[index].problems if 0 <= index < len(self.checks) else {}
        for key, label in self.error_labels.items():
            problem = current.get(key)
            message = "" if problem is None else self._worded(problem)
            label.setText(message)
            label.setVisible(bool(message))
            self.edits[key].setAccessibleDescription(message)
        for number, check in enumerate(self.checks):
            item = self.list.item(number)
            if item is not None:
                self._mark(item, bool(check.problems))
        others = [
            self._item_text(self.rows[number])
            for number, check in enumerate(self.checks)
            if check.problems and number != index
        ]
        self.problem.setText(
            translate("SettingsDialog", "To fix: {names}").format(names=", ".join(others))
            if others
            else ""
        )
        self.problem.setVisible(bool(others))

    @staticmethod
    def _worded(problem: str | Gap) -> str:
        return gap_text(problem) if isinstance(problem, Gap) else shown_error(problem)

    @staticmethod
    def _mark(item: QListWidgetItem, wrong: bool) -> None:
        """An entry with a problem says so in the list (in words for a screen reader)."""
        name = item.text()
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole,
            translate("SettingsDialog", "{name}, needs fixing").format(name=name)
            if wrong
            else name,
        )
        item.setData(Qt.ItemDataRole.ForegroundRole, QColor(ERROR_COLOUR) if wrong else None)
