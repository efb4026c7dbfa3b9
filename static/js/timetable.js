/* The programme as a timetable in the meeting admin (templates/admin/meetings/meeting/timetable_inline.html).
 *
 * Progressive enhancement over the Django inline formset: the form fields are
 * the same with or without this script. It adds
 * - a new row that starts where the previous one ended, with the default
 *   length (shown as placeholders until the row gets a title);
 * - end and duration kept in step, times rounded to 5 minutes;
 * - after a change of a row's end, a button that moves the following items;
 * - the keyboard: Enter adds a row below, Alt+Up/Down moves a row (it swaps
 *   places in time with its neighbour), Tab goes along the row.
 * No framework and no inline code: the page's Content-Security-Policy allows
 * scripts from the site's static files only.
 */
'use strict';
{
    const DAY = 24 * 60;

    function parseTime(text) {
        // "9.30", "09:30", "09:30:00", "930", "9" -> minutes after midnight, or null.
        const value = (text || '').trim();
        let match = value.match(/^(\d{1,2})[.:](\d{2})(?::\d{2})?$/);
        if (!match) {
            match = value.match(/^(\d{1,2})(\d{2})$/) || value.match(/^(\d{1,2})()$/);
        }
        if (!match) {
            return null;
        }
        const hours = Number(match[1]);
        const minutes = Number(match[2] || 0);
        return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
    }

    function formatTime(minutes) {
        const clamped = Math.min(Math.max(minutes, 0), DAY - 1);
        const pad = (n) => String(n).padStart(2, '0');
        return pad(Math.floor(clamped / 60)) + '.' + pad(clamped % 60);
    }

    function Timetable(group) {
        const prefix = group.dataset.prefix;
        const snap = Number(group.dataset.snap) || 5;
        const defaultMinutes = Number(group.dataset.defaultMinutes) || 30;
        const text = (name) => group.dataset['text' + name] || '';
        const table = group.querySelector('table');
        const template = document.getElementById(prefix + '-empty');
        const totalForms = document.getElementById('id_' + prefix + '-TOTAL_FORMS');
        const initialForms = Number(document.getElementById('id_' + prefix + '-INITIAL_FORMS').value);
        const maxForms = document.getElementById('id_' + prefix + '-MAX_NUM_FORMS');

        const rows = () => Array.from(table.querySelectorAll(':scope > tbody.form-row:not(.empty-form)'));
        const input = (row, name) => row.querySelector('[name$="-' + name + '"]');
        const rounded = (minutes) => Math.round(minutes / snap) * snap;
        const isNew = (row) => !row.classList.contains('has_original');
        const isBlank = (row) => isNew(row) && !input(row, 'start_time').value && !input(row, 'title').value;

        // A row's times as minutes: its values, or for a blank row the times it proposes.
        function times(row) {
            const read = (name) => input(row, name).value || (isBlank(row) ? input(row, name).placeholder : '');
            const start = parseTime(read('start_time'));
            const end = parseTime(read('end_time'));
            return {start: start, end: end, length: start !== null && end !== null && end > start ? end - start : null};
        }

        function setTimes(row, start, end) {
            input(row, 'start_time').value = start === null ? '' : formatTime(start);
            input(row, 'end_time').value = end === null ? '' : formatTime(end);
            input(row, 'duration').value = start !== null && end !== null && end > start ? end - start : '';
        }

        const endOf = (row) => {
            const t = times(row);
            return t.end !== null ? t.end : t.start;
        };

        function meetingStart() {
            const field = document.getElementById('id_starts_at_1');
            return field ? parseTime(field.value) : null;
        }

        // Blank rows propose to start where the row before them ends.
        function proposeTimes() {
            let previousEnd = meetingStart();
            for (const row of rows()) {
                if (isBlank(row)) {
                    const start = previousEnd;
                    const end = start === null ? null : Math.min(start + defaultMinutes, DAY - snap);
                    input(row, 'start_time').placeholder = start === null ? '' : formatTime(start);
                    input(row, 'end_time').placeholder = end === null ? '' : formatTime(end);
                    input(row, 'duration').placeholder = end === null ? '' : end - start;
                    row.dataset.proposed = 'yes';
                }
                const end = endOf(row);
                if (end !== null) {
                    previousEnd = end;
                }
            }
        }

        // A blank row that gets content takes the times it proposed, once (an end emptied later stays empty).
        function takeProposal(row) {
            if (row.dataset.proposed !== 'yes') {
                return;
            }
            delete row.dataset.proposed;
            for (const name of ['start_time', 'end_time', 'duration']) {
                const field = input(row, name);
                if (!field.value) {
                    field.value = field.placeholder;
                }
                field.placeholder = '';
            }
        }

        // --- The offer to move the items after a row whose end changed ---------------------
        function following(row) {
            const all = rows();
            return all.slice(all.indexOf(row) + 1).filter((other) => !isBlank(other));
        }

        function removeOffer(row) {
            const offer = row.querySelector('.timetable-offer');
            if (offer) {
                offer.remove();
            }
        }

        // The end a row had when the person came to it: what the offer compares with.
        function settle(row) {
            const end = endOf(row);
            row.dataset.settledEnd = end === null ? '' : end;
        }

        // The items after `anchor` may move by as much as its end moved; the button shows in `host`.
        function offerShift(anchor, host) {
            host = host || anchor;
            removeOffer(host);
            const before = anchor.dataset.settledEnd === '' ? null : Number(anchor.dataset.settledEnd);
            const after = endOf(anchor);
            const later = following(anchor);
            if (before === null || after === null || after === before || !later.length) {
                return;
            }
            const delta = after - before;
            const key = (delta > 0 ? 'Later' : 'Earlier') + (later.length === 1 ? 'One' : 'Many');
            const button = document.createElement('button');
            button.type = 'button';
            button.className = 'button timetable-shift';
            button.textContent = text(key).replace('{minutes}', Math.abs(delta)).replace('{count}', later.length);
            button.addEventListener('click', () => {
                for (const other of later) {
                    const t = times(other);
                    setTimes(other, t.start === null ? null : t.start + delta, t.end === null ? null : t.end + delta);
                }
                settle(anchor);
                removeOffer(host);
                proposeTimes();
                input(host, 'title').focus();
            });
            const cell = document.createElement('td');
            cell.colSpan = 7;
            cell.append(button);
            const offer = document.createElement('tr');
            offer.className = 'timetable-offer';
            offer.setAttribute('role', 'status');
            offer.append(cell);
            host.querySelector('.timetable-main').after(offer);
        }

        // --- Editing times -------------------------------------------------------------------
        function timeChanged(row, name) {
            takeProposal(row);
            const start = parseTime(input(row, 'start_time').value);
            const end = parseTime(input(row, 'end_time').value);
            const length = Number(input(row, 'duration').value) || null;
            const typed = input(row, name).value.trim();
            if (typed && (name === 'duration' ? !(length > 0) : parseTime(typed) === null)) {
                return; // not a time: the server says so in the person's language
            }
            if (name === 'start_time' && start !== null) {
                const snapped = rounded(start);
                setTimes(row, snapped, length ? snapped + length : end);
            } else if (name === 'end_time' && start !== null) {
                setTimes(row, start, end === null ? null : rounded(end));
            } else if (name === 'duration' && start !== null && length) {
                setTimes(row, start, start + Math.max(rounded(length), snap));
            }
            offerShift(row);
            proposeTimes();
        }

        // --- Rows: add, remove, move ---------------------------------------------------------
        const numbered = new RegExp(prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '-(\\d+|__prefix__)-');

        function renumber(row, index) {
            row.id = prefix + '-' + index;
            for (const element of row.querySelectorAll('[id], [name], [for]')) {
                for (const attribute of ['id', 'name', 'for']) {
                    const value = element.getAttribute(attribute);
                    if (value) {
                        element.setAttribute(attribute, value.replace(numbered, prefix + '-' + index + '-'));
                    }
                }
            }
        }

        // New rows are numbered after the saved ones, in page order (Django finds saved ones by id).
        function renumberNewRows() {
            const added = rows().filter(isNew);
            added.forEach((row, position) => renumber(row, initialForms + position));
            totalForms.value = initialForms + added.length;
        }

        function canAdd() {
            return template && (maxForms.value === '' || Number(totalForms.value) < Number(maxForms.value));
        }

        function addRow(after) {
            if (!canAdd()) {
                return null;
            }
            const row = template.cloneNode(true);
            row.classList.remove('empty-form');
            renumber(row, Number(totalForms.value));
            totalForms.value = Number(totalForms.value) + 1;
            if (after) {
                after.after(row);
            } else {
                template.before(row);
            }
            enhance(row);
            proposeTimes();
            addButton.hidden = !canAdd();
            input(row, 'title').focus();
            return row;
        }

        function removeRow(row) {
            const next = rows()[rows().indexOf(row) + 1];
            row.remove();
            renumberNewRows();
            proposeTimes();
            addButton.hidden = !canAdd();
            (next ? input(next, 'title') : addButton).focus();
        }

        function move(row, direction) {
            const all = rows();
            const neighbour = all[all.indexOf(row) + direction];
            if (!neighbour) {
                return;
            }
            const [upper, lower] = direction < 0 ? [neighbour, row] : [row, neighbour];
            const a = times(upper);
            const b = times(lower);
            const pairEnd = endOf(lower);
            if (!isBlank(upper) && !isBlank(lower) && a.start !== null && b.start !== null && a.start !== b.start) {
                // The lower one takes the upper one's start; the upper one follows it after the same gap.
                const gap = Math.max(b.start - (a.end !== null ? a.end : a.start), 0);
                const lowerEnd = b.length !== null ? a.start + b.length : null;
                const upperStart = (lowerEnd !== null ? lowerEnd : a.start) + gap;
                setTimes(lower, a.start, lowerEnd);
                setTimes(upper, upperStart, a.length !== null ? upperStart + a.length : null);
            }
            upper.before(lower);
            if (a.start !== null && a.start === b.start) {
                // Side by side: the order field keeps them in the new order.
                rows().filter((other) => times(other).start === a.start).forEach((other, position) => {
                    input(other, 'order').value = position;
                });
            }
            upper.dataset.settledEnd = pairEnd === null ? '' : pairEnd;
            offerShift(upper, row);
            proposeTimes();
        }

        // --- Wiring --------------------------------------------------------------------------
        function enhance(row) {
            settle(row);
            if (isNew(row)) {
                const remove = document.createElement('button');
                remove.type = 'button';
                remove.className = 'timetable-remove inline-deletelink';
                remove.textContent = text('Remove');
                remove.addEventListener('click', () => removeRow(row));
                row.querySelector('td.delete').append(remove);
            }
        }

        table.addEventListener('change', (event) => {
            const row = event.target.closest('tbody.form-row');
            const name = event.target.name ? event.target.name.split('-').pop() : '';
            if (row && ['start_time', 'end_time', 'duration'].includes(name)) {
                timeChanged(row, name);
            }
        });

        table.addEventListener('input', (event) => {
            const row = event.target.closest('tbody.form-row');
            const name = event.target.name ? event.target.name.split('-').pop() : '';
            if (row && !['start_time', 'end_time', 'duration', 'DELETE'].includes(name)) {
                takeProposal(row);
                proposeTimes();
            }
        });

        // Coming to a row notes its end; leaving it declines its offer.
        table.addEventListener('focusin', (event) => {
            const row = event.target.closest('tbody.form-row');
            if (row && !(event.relatedTarget && row.contains(event.relatedTarget))) {
                settle(row);
            }
        });
        table.addEventListener('focusout', (event) => {
            const row = event.target.closest('tbody.form-row');
            if (row && !(event.relatedTarget && row.contains(event.relatedTarget))) {
                removeOffer(row);
            }
        });

        table.addEventListener('keydown', (event) => {
            const row = event.target.closest('tbody.form-row');
            if (!row) {
                return;
            }
            const name = event.target.name ? event.target.name.split('-').pop() : '';
            if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
                event.preventDefault();
                move(row, event.key === 'ArrowUp' ? -1 : 1);
                (input(row, name) || input(row, 'title')).focus();
            } else if (event.key === 'Enter' && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey
                       && ['INPUT', 'SELECT'].includes(event.target.tagName) && event.target.type !== 'checkbox') {
                // Enter in a row adds one below it (instead of saving the meeting half-written).
                event.preventDefault();
                if (event.target.matches('.timetable-time, .timetable-minutes')) {
                    timeChanged(row, name);
                }
                addRow(row);
            }
        });

        const addButton = document.createElement('button');
        addButton.type = 'button';
        addButton.className = 'timetable-add';
        addButton.textContent = text('Add');
        addButton.hidden = !canAdd();
        addButton.addEventListener('click', () => addRow(null));
        table.after(addButton);

        const startField = document.getElementById('id_starts_at_1');
        if (startField) {
            startField.addEventListener('change', proposeTimes);
        }
        rows().forEach(enhance);
        proposeTimes();
        group.querySelector('.timetable-keys').hidden = false;
        group.classList.add('timetable-enhanced');
    }

    function start() {
        document.querySelectorAll('.timetable[data-prefix]').forEach(Timetable);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}
