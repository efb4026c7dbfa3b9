/* Colleagues in one go on the sign-up form: the "Add a colleague" button clones
 * the row template (prefix c__N__) with the next free number, up to the meeting's
 * limit (data-limit). Without script the page's fixed empty rows work; the server
 * counts the filled rows and refuses more than the limit. No inline code (CSP).
 */
'use strict';
{
    for (const fieldset of document.querySelectorAll('[data-colleagues]')) {
        const limit = Number(fieldset.dataset.limit || 0);
        const rows = fieldset.querySelector('[data-colleague-rows]');
        const template = fieldset.querySelector('template[data-colleague-template]');
        const button = fieldset.querySelector('[data-colleague-add]');
        const status = fieldset.querySelector('[data-colleague-status]');
        if (!rows || !template || !button) {
            continue;
        }
        const count = () => rows.querySelectorAll('[data-colleague-row]').length;
        const nextNumber = () => {
            let highest = 0;
            for (const input of rows.querySelectorAll('input[name^="c"]')) {
                const match = /^c(\d+)-/.exec(input.name);
                if (match) {
                    highest = Math.max(highest, Number(match[1]));
                }
            }
            return highest + 1;
        };
        const update = () => {
            button.disabled = count() >= limit;
        };
        button.classList.remove('d-none');
        update();
        button.addEventListener('click', () => {
            if (count() >= limit) {
                return;
            }
            const n = String(nextNumber());
            const html = template.innerHTML.replaceAll('c__N__', 'c' + n);
            const holder = document.createElement('div');
            holder.innerHTML = html;
            const row = holder.firstElementChild;
            rows.appendChild(row);
            const first = row.querySelector('input');
            if (first) {
                first.focus();
            }
            if (status) {
                status.textContent = status.dataset.added || '';
            }
            update();
        });
    }
}
