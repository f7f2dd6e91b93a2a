// An article's row opens to its paragraphs' rows (all show when printed).
for (const button of document.querySelectorAll('button.toggle')) {
  button.addEventListener('click', () => {
    const row = button.closest('tr');
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? '▾' : '▸';
    for (const part of document.querySelectorAll(`tr.part[data-of="${row.dataset.parts}"]`)) {
      part.classList.toggle('shown', open);
    }
  });
}
