/* A meeting's own questions on the sign-up form and the personal page: shows a
 * question only when its condition is met.
 *
 * visibleKeys is the rule of registration/questions/rules.py (visible_keys),
 * line by line; the server applies the same rule to what is sent, so a hidden
 * question is never required and its answer is dropped.
 * registration/tests/test_questions_browser.py checks that both agree.
 *
 * Each question's wrapper says its key and condition:
 *   <div data-question="q12" data-when-key="q5" data-when-value="7">
 * inside <fieldset data-questions data-prefix="q"> (a colleague's row: data-prefix="c2"; rows
 * added by static/js/colleagues.js are picked up when they appear). No inline code: the page's
 * Content-Security-Policy allows scripts from the site's static files only.
 */
'use strict';
{
    // rules: [{key, whenKey (or null), whenValue}] in the form's order; raw: {key: [submitted values]}.
    function visibleKeys(rules, raw) {
        const visible = new Set();
        for (const rule of rules) {
            if (rule.whenKey === null) {
                visible.add(rule.key);
            } else if (visible.has(rule.whenKey) && (raw[rule.whenKey] || []).includes(rule.whenValue)) {
                visible.add(rule.key);
            }
        }
        return visible;
    }

    function rulesOf(fieldset) {
        return Array.from(fieldset.querySelectorAll('[data-question]')).map((wrapper) => ({
            key: wrapper.dataset.question,
            whenKey: wrapper.hasAttribute('data-when-key') ? wrapper.dataset.whenKey : null,
            whenValue: wrapper.hasAttribute('data-when-key') ? wrapper.dataset.whenValue : null,
        }));
    }

    // The values the form would send for each key, as the server reads them (QuestionsForm.raw_values).
    function rawOf(fieldset, rules) {
        const prefix = fieldset.dataset.prefix;
        const raw = {};
        for (const rule of rules) {
            const name = prefix ? `${prefix}-${rule.key}` : rule.key;
            const values = [];
            for (const input of fieldset.querySelectorAll(`[name="${name}"]`)) {
                if (input.type === 'radio' || input.type === 'checkbox') {
                    if (input.checked) values.push(input.value);
                } else if (input.tagName === 'SELECT') {
                    for (const option of input.selectedOptions) values.push(option.value);
                } else {
                    values.push(input.value);
                }
            }
            raw[rule.key] = values;
        }
        return raw;
    }

    function update(fieldset) {
        const rules = rulesOf(fieldset);
        const visible = visibleKeys(rules, rawOf(fieldset, rules));
        for (const wrapper of fieldset.querySelectorAll('[data-question]')) {
            wrapper.hidden = !visible.has(wrapper.dataset.question);
        }
    }

    // For the tests that compare this rule with the server's (in Chromium, and in Node without a page).
    globalThis.netvaerkQuestions = { visibleKeys };

    if (typeof document !== 'undefined') {
        // Listened for on the document, so a fieldset added later (a colleague's row that
        // static/js/colleagues.js clones from its template) follows the rule like the page's own.
        const changed = (event) => {
            const fieldset = event.target instanceof Element ? event.target.closest('[data-questions]') : null;
            if (fieldset) {
                update(fieldset);
            }
        };
        document.addEventListener('change', changed);
        document.addEventListener('input', changed);
        for (const fieldset of document.querySelectorAll('[data-questions]')) {
            update(fieldset);
        }
        // An added fieldset starts with its conditions applied (its dependent questions hidden).
        new MutationObserver((records) => {
            for (const record of records) {
                for (const node of record.addedNodes) {
                    if (!(node instanceof Element)) {
                        continue;
                    }
                    const added = node.matches('[data-questions]') ? [node] : [];
                    for (const fieldset of added.concat(Array.from(node.querySelectorAll('[data-questions]')))) {
                        update(fieldset);
                    }
                }
            }
        }).observe(document.documentElement, { childList: true, subtree: true });
    }
}
