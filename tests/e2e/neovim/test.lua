-- The Neovim plugin against the real treaty-lsp, headless. Run by ./run,
-- which sets TREATY_E2E_* and starts Neovim with init.lua. Prints a line per
-- passing check; exits non-zero with a message at the first failure.
--
-- Everything happens in a copy of examples/cybercrime-convention, and no
-- buffer is ever written: edits stay in Neovim's buffers.

local ws = assert(os.getenv('TREATY_E2E_WS'), 'TREATY_E2E_WS is not set')
local server = assert(os.getenv('TREATY_E2E_SERVER'))
local plugin = assert(os.getenv('TREATY_E2E_PLUGIN'))
local tmp = assert(os.getenv('TREATY_E2E_TMP'))

local draft16 = ws .. '/drafts/A-AC.291-16.treaty.md'
local rev1 = ws .. '/drafts/A-AC.291-22-Rev.1.treaty.md'
local msft = ws .. '/positions/microsoft-ahc4-2023.positions.toml'

local passed = 0
local current = '(start)'

local function out(s)
  io.stdout:write(s .. '\n')
  io.stdout:flush()
end

-- Every vim.notify() (the plugin reports through it), kept for assertions.
local notes = {}
vim.notify = function(msg, level)
  table.insert(notes, { msg = tostring(msg), level = level or vim.log.levels.INFO })
  out('    notify: ' .. tostring(msg):gsub('\n', '\n            '))
end

local function finish(code)
  io.stdout:flush()
  vim.cmd((code == 0 and 'qall!' or ('cquit! ' .. code)))
  os.exit(code)
end

local function check(name, fn)
  current = name
  local ok, err = xpcall(fn, debug.traceback)
  if not ok then
    out(('FAIL %d - %s\n%s'):format(passed + 1, name, tostring(err)))
    out(('neovim: %d passed, 1 failed'):format(passed))
    finish(1)
  end
  passed = passed + 1
  out(('ok %d - %s'):format(passed, name))
end

local function fmt(v)
  return type(v) == 'string' and ('%q'):format(v) or vim.inspect(v)
end

local function eq(want, got, what)
  if not vim.deep_equal(want, got) then
    error(('%s:\n  expected %s\n  got      %s'):format(what or 'value', fmt(want), fmt(got)), 2)
  end
end

local function wait_for(what, cond, ms)
  if not vim.wait(ms or 10000, cond, 20) then
    error('timed out waiting for ' .. what, 2)
  end
end

local function line(n, buf)
  return vim.api.nvim_buf_get_lines(buf or 0, n - 1, n, true)[1]
end

--- The 1-based line number of the first line of the buffer containing `s`.
local function find_line(s, buf)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf or 0, 0, -1, false)) do
    if l:find(s, 1, true) then
      return i
    end
  end
  error('no line containing ' .. fmt(s), 2)
end

--- Puts the cursor on the `nth` occurrence of `s` on line `lnum` (+ offset bytes).
local function cursor_on(lnum, s, offset)
  local col = assert(line(lnum):find(s, 1, true), ('no %q on line %d'):format(s, lnum))
  vim.api.nvim_win_set_cursor(0, { lnum, col - 1 + (offset or 0) })
end

local function client_of(buf)
  return vim.lsp.get_clients({ name = 'treaty_lsp', bufnr = buf })[1]
end

local function wait_attached(buf, old_id)
  wait_for('treaty-lsp to attach to ' .. vim.api.nvim_buf_get_name(buf), function()
    local c = client_of(buf)
    return c ~= nil and c.initialized and c.id ~= old_id and vim.lsp.buf_is_attached(buf, c.id)
  end, 15000)
  return client_of(buf)
end

local function floats()
  local list = {}
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then
      table.insert(list, w)
    end
  end
  return list
end

local function close_floats()
  for _, w in ipairs(floats()) do
    vim.api.nvim_win_close(w, true)
  end
end

--- K at the cursor (vim.lsp.buf.hover): the hover window's text.
local function hover_text()
  vim.lsp.buf.hover()
  wait_for('the hover window', function()
    return #floats() > 0
  end)
  local fbuf = vim.api.nvim_win_get_buf(floats()[1])
  return table.concat(vim.api.nvim_buf_get_lines(fbuf, 0, -1, false), '\n')
end

local function contains_all(text, words, what)
  for _, w in ipairs(words) do
    if not text:find(w, 1, true) then
      error(('%s does not contain %q:\n%s'):format(what, w, text), 2)
    end
  end
end

local function qf_items()
  return vim.fn.getqflist()
end

local function qf_reset()
  vim.fn.setqflist({}, 'f')
  vim.cmd('silent! cclose')
end

local function realpath(p)
  return vim.uv.fs_realpath(p) or p
end

--- A draft outside any workspace (no treaty.toml, no .git above it): a
--- client with no root attaches and answers a hover.
local function loose_draft_check()
  local dir = tmp .. '/loose'
  vim.fn.mkdir(dir, 'p')
  local file = dir .. '/alone.treaty'
  vim.fn.writefile({ '### Article 1', '', '1. See paragraph 2.', '', '2. Second.' }, file)
  vim.cmd.edit(vim.fn.fnameescape(file))
  local b = vim.api.nvim_get_current_buf()
  eq('treaty', vim.bo.filetype, 'filetype of *.treaty')
  local c = wait_attached(b)
  eq(nil, c.config.root_dir, 'root_dir of a draft outside any workspace')
  cursor_on(3, '2')
  vim.lsp.buf.definition()
  wait_for('the jump to paragraph 2 (line 5)', function()
    return vim.api.nvim_win_get_cursor(0)[1] == 5
  end)
end

local function has_command(client, name)
  local p = client.server_capabilities.executeCommandProvider
  return p ~= nil and vim.tbl_contains(p.commands or {}, name)
end

---------------------------------------------------------------------------

local buf16, posbuf

check('the plugin is loaded: filetypes, commands, the code lens command handler', function()
  eq('treaty', vim.filetype.match({ filename = 'x/draft.treaty.md' }), '*.treaty.md (wins over markdown)')
  eq('treaty', vim.filetype.match({ filename = 'x/draft.treaty' }), '*.treaty')
  eq('markdown', vim.filetype.match({ filename = 'x/README.md' }), 'other *.md')
  for _, c in ipairs({ 'TreatyRestart', 'TreatyLog', 'TreatyApplyAmendments', 'TreatyPositions', 'TreatyCompare', 'TreatyExtract' }) do
    eq(2, vim.fn.exists(':' .. c), ':' .. c .. ' exists')
  end
  eq('function', type(vim.lsp.commands['treaty.showPositions']), "vim.lsp.commands['treaty.showPositions']")
  local cfg = vim.lsp.config.treaty_lsp
  eq({ server }, cfg.cmd, 'vim.lsp.config.treaty_lsp.cmd (from setup)')
  eq({ 'treaty.toml', '.git' }, cfg.root_markers, 'root_markers (from lsp/treaty_lsp.lua)')
  eq(true, vim.lsp.is_enabled('treaty_lsp'), 'vim.lsp.is_enabled')
end)

check('opening a draft: filetype treaty, treaty-lsp attaches at the workspace root with the options', function()
  vim.cmd.edit(vim.fn.fnameescape(draft16))
  buf16 = vim.api.nvim_get_current_buf()
  eq('treaty', vim.bo.filetype, 'filetype of ' .. draft16)
  eq('treaty', vim.b.current_syntax, 'b:current_syntax (syntax/treaty.vim)')
  local c = wait_attached(buf16)
  eq(realpath(ws), realpath(c.config.root_dir), 'root_dir (the folder with treaty.toml)')
  eq(true, c.config.init_options.contestedDiagnostics, 'init_options.contestedDiagnostics')
  eq(true, c.config.init_options.codeLens, 'init_options.codeLens')
  eq({}, c.config.init_options.stakeholders, 'init_options.stakeholders')
  eq(0, c.config.init_options.diagnosticsDelayMs, 'init_options.diagnosticsDelayMs')
  eq(0, c.config.settings.treaty.diagnosticsDelayMs, 'settings.treaty.diagnosticsDelayMs')
end)

check('diagnostics: contested hints once the positions files are indexed', function()
  wait_for('a "contested" hint diagnostic on the draft', function()
    for _, d in ipairs(vim.diagnostic.get(buf16)) do
      if d.code == 'contested' then
        return true
      end
    end
  end, 15000)
  local art5 = find_line('### Article 5')
  local found = false
  for _, d in ipairs(vim.diagnostic.get(buf16, { severity = vim.diagnostic.severity.HINT })) do
    if d.code == 'contested' and d.lnum + 1 >= art5 and d.lnum + 1 <= art5 + 2 then
      found = true
    end
  end
  eq(true, found, 'a contested hint on Article 5')
end)

check('semantic tokens from the server on the draft (Article 5 heading, the bracketed words)', function()
  local function types_at(lnum, col)
    local t = {}
    for _, tok in ipairs(vim.lsp.semantic_tokens.get_at_pos(buf16, lnum - 1, col) or {}) do
      table.insert(t, tok.type)
    end
    table.sort(t)
    return t
  end
  local art5 = find_line('### Article 5')
  wait_for('a semantic token on "Article 5"', function()
    return #types_at(art5, 12) > 0
  end)
  eq({ 'articleNumber' }, types_at(art5, 12), 'token types on the 5 of "### Article 5"')
  local br = find_line('[serious crimes]')
  local col = line(br):find('[serious crimes]', 1, true) + 1
  eq({ 'unagreedText' }, types_at(br, col), 'token types on "[serious crimes]"')
  -- The plugin links the server's own token types to standard groups.
  eq('Number', vim.api.nvim_get_hl(0, { name = '@lsp.type.articleNumber' }).link, '@lsp.type.articleNumber')
  eq('@comment.warning', vim.api.nvim_get_hl(0, { name = '@lsp.type.unagreedText' }).link, '@lsp.type.unagreedText')
  vim.cmd('colorscheme default') -- clears highlights: the links come back
  eq('Number', vim.api.nvim_get_hl(0, { name = '@lsp.type.articleNumber' }).link, 'after :colorscheme')
  -- And they resolve to a real colour.
  local hl = vim.api.nvim_get_hl(0, { name = '@lsp.type.unagreedText', link = false })
  if not (hl.fg or hl.bg or hl.sp or hl.underline or hl.bold) then
    error('@lsp.type.unagreedText resolves to no highlight: ' .. vim.inspect(hl))
  end
end)

check('code lenses are fetched on attach by the plugin (no explicit refresh)', function()
  wait_for('code lenses on the draft', function()
    local lenses = vim.lsp.codelens.get(buf16)
    return #lenses > 0 and lenses[1].command ~= nil
  end)
  local art40 = find_line('### Article 40') - 1
  local title
  for _, l in ipairs(vim.lsp.codelens.get(buf16)) do
    if l.range.start.line == art40 then
      title = l.command.title
    end
  end
  eq('4 amend · 2 delete — Microsoft', title, 'the lens above Article 40')
end)

check('hover (K, vim.lsp.buf.hover) on "Article 5" lists the stakeholders, their words and the tally', function()
  close_floats()
  cursor_on(find_line('### Article 5'), '5')
  local text = hover_text()
  contains_all(text, {
    'Article 5',
    'Positions',
    '1 amend',
    'Microsoft',
    '(industry)',
    'Delete the qualifier “applicable”',
    '“Delete the qualifier "applicable", as it opens',
    'the rest: submission, line 49',
  }, 'the hover window')
  -- Neovim shows Markdown tables as pipes: a list instead, positions first
  if text:find('|---|', 1, true) or text:find('| Microsoft', 1, true) then
    error('the hover is a Markdown table:\n' .. text)
  end
  if text:find('Positions', 1, true) > text:find('1 paragraph', 1, true) then
    error('the positions are not first in the hover:\n' .. text)
  end
  close_floats()
end)

check('code lens command treaty.showPositions (vim.lsp.codelens.run) fills and opens the quickfix list', function()
  qf_reset()
  local art40 = find_line('### Article 40')
  cursor_on(art40, '40')
  vim.lsp.codelens.run()
  wait_for('the quickfix list', function()
    return #qf_items() > 0
  end)
  local items = qf_items()
  local lnums = {}
  for _, it in ipairs(items) do
    eq(realpath(msft), realpath(vim.api.nvim_buf_get_name(it.bufnr)), 'quickfix item file')
    table.insert(lnums, it.lnum)
  end
  table.sort(lnums)
  -- The six `target = ...` lines on Article 40 and its parts in Microsoft's file.
  eq({ 243, 253, 262, 272, 279, 292 }, lnums, 'quickfix lines')
  eq('target = "Article 40"', vim.fn.readfile(msft)[253], 'line 253 of the positions file')
  local qf = vim.fn.getqflist({ title = 1, winid = 1 })
  eq('treaty: 4 amend · 2 delete — Microsoft', qf.title, 'quickfix title')
  if qf.winid == 0 then
    error('the quickfix window is not open')
  end
  qf_reset()
  vim.cmd.buffer(buf16)
end)

check(':TreatyPositions inside Article 40 (paragraph 5) lists the positions on Article 40', function()
  qf_reset()
  vim.cmd.buffer(buf16)
  cursor_on(find_line('5. … coordinating their actions'), 'coordinating')
  vim.cmd('TreatyPositions')
  wait_for('the quickfix list', function()
    return #qf_items() > 0
  end)
  eq(6, #qf_items(), 'quickfix items')
  eq('treaty: 4 amend · 2 delete — Microsoft', vim.fn.getqflist({ title = 1 }).title, 'quickfix title')
  qf_reset()
  vim.cmd.buffer(buf16)
end)

check('go to definition (vim.lsp.buf.definition) from a target in a positions file into the draft', function()
  vim.cmd.edit(vim.fn.fnameescape(msft))
  posbuf = vim.api.nvim_get_current_buf()
  eq('toml', vim.bo.filetype, 'filetype of the positions file')
  wait_attached(posbuf)
  local lnum = find_line('target = "Article 5 (1)"')
  cursor_on(lnum, '(1)', 1) -- on the 1 of (1): paragraph 1
  vim.lsp.buf.definition()
  wait_for('the jump into the draft', function()
    return vim.api.nvim_get_current_buf() == buf16
  end)
  local cur = vim.api.nvim_win_get_cursor(0)
  eq(55, cur[1], 'cursor line in the draft (Article 5, paragraph 1)')
  eq('1. States Parties shall ensure', line(55):sub(1, 30), 'the text at the cursor line')
end)

check('a plain TOML file (treaty.toml) gets no treaty-lsp client', function()
  vim.cmd.edit(vim.fn.fnameescape(ws .. '/treaty.toml'))
  local b = vim.api.nvim_get_current_buf()
  eq('toml', vim.bo.filetype, 'filetype of treaty.toml')
  vim.wait(300)
  eq(nil, client_of(b), 'treaty-lsp client on treaty.toml')
  vim.cmd.buffer(buf16)
end)

check('a draft outside any workspace: a client with no root, definition works', function()
  loose_draft_check()
  vim.cmd.buffer(buf16)
end)

local ref_line
--- Presses keys as the user does (mappings applied), at once.
local function press(keys)
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(keys, true, false, true), 'mx', false)
end

check('gd and CTRL-] on a reference typed into the draft (unsaved) jump to the exact paragraph', function()
  vim.cmd.buffer(buf16)
  local n = vim.api.nvim_buf_line_count(buf16)
  vim.api.nvim_buf_set_lines(buf16, n, n, true, { '', '2. Nothing in this article affects Article 42, paragraph 2.' })
  ref_line = n + 2
  cursor_on(ref_line, 'paragraph 2', #'paragraph ') -- on the "2"
  eq('treaty: go to the cited element', vim.fn.maparg('gd', 'n', false, true).desc, 'gd is mapped in the buffer')
  press('gd')
  local target = find_line('2. Such conditions and safeguards shall')
  wait_for('the cursor to move to line ' .. target, function()
    return vim.api.nvim_win_get_cursor(0)[1] == target
  end)
  eq(163, target, 'Article 42, paragraph 2 is on line 163')
  cursor_on(ref_line, '42')
  press('<C-]>')
  wait_for('the cursor to move to line 159 (### Article 42)', function()
    return vim.api.nvim_win_get_cursor(0)[1] == 159
  end)
  eq('### Article 42', line(159), 'line 159')
end)

check('gO shows the treaty outline: elements named as the draft names them, indented, no LSP kinds', function()
  vim.cmd.buffer(buf16)
  vim.fn.setloclist(0, {}, 'r', { items = {} })
  press('gO')
  local items
  wait_for('the outline in the location list', function()
    items = vim.fn.getloclist(0)
    return #items > 20
  end)
  vim.cmd.lclose()
  local texts = vim.tbl_map(function(i) return i.text end, items)
  local function has(pattern)
    for _, t in ipairs(texts) do
      if t:find(pattern) then
        return t
      end
    end
  end
  for _, t in ipairs(texts) do
    if t:find('%[%a+%]') then
      error('an LSP kind in the outline: ' .. t)
    end
  end
  local art6 = has('^  +Article 6 %- Illegal access$')
  if not art6 then
    error('no indented "Article 6 - Illegal access" in the outline: ' .. vim.inspect(vim.list_slice(texts, 1, 12)))
  end
  local para = has('^    +1%. — ')
  if not para then
    error('no paragraph under an article in the outline: ' .. vim.inspect(vim.list_slice(texts, 1, 20)))
  end
  local art5 = find_line('### Article 5')
  local seen = false
  for _, i in ipairs(items) do
    -- an untitled article: its first words after its name
    if i.text:find('Article 5$') or i.text:find('Article 5 — ', 1, true) then
      eq(art5, i.lnum, 'the outline entry of Article 5 is its line')
      seen = true
    end
  end
  if not seen then
    error('no Article 5 in the outline: ' .. vim.inspect(vim.list_slice(texts, 1, 20)))
  end
end)

check(':TreatyMatrix shows the positions matrix in a scratch buffer; :TreatyReport writes the HTML report and opens it', function()
  vim.cmd.buffer(buf16)
  local wins = #vim.api.nvim_list_wins()
  vim.cmd('TreatyMatrix')
  wait_for('the matrix window', function()
    return #vim.api.nvim_list_wins() > wins and vim.bo.filetype == 'markdown'
  end)
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, true)
  local text = table.concat(lines, '\n')
  contains_all(text, { '| Element | Microsoft (industry) | Tally |', '| Article 5 | A | 1 amend |', '## Article 5' }, 'the matrix buffer')
  eq('| Element | Microsoft (industry) | Tally |', vim.api.nvim_get_current_line(), 'the cursor on the matrix')
  vim.cmd.close()
  vim.cmd.buffer(buf16)
  local opened
  local real_open = vim.ui.open
  vim.ui.open = function(p)
    opened = p
    return {}, nil
  end
  local path = vim.fn.tempname() .. '.html'
  vim.cmd('TreatyReport ' .. path)
  wait_for('the report to be opened', function()
    return opened ~= nil
  end)
  vim.ui.open = real_open
  eq(path, opened, 'the report opened is the file written')
  local html = table.concat(vim.fn.readfile(path), '\n')
  contains_all(html, { '<!DOCTYPE html>', '<table class="matrix">', 'Microsoft' }, 'the HTML report')
end)

check('quick fix (vim.lsp.buf.code_action, filter + apply) applies Microsoft’s amendment to Article 5(1)', function()
  vim.cmd.buffer(buf16)
  local before = vim.api.nvim_buf_get_lines(buf16, 0, -1, true)
  eq(
    '1. States Parties shall ensure that the implementation of its obligations under this Convention is in accordance with applicable international human rights law.',
    line(55),
    'line 55 before'
  )
  cursor_on(55, 'applicable')
  local offered = {}
  vim.lsp.buf.code_action({
    filter = function(a)
      table.insert(offered, a.title)
      return a.title:find('Apply Microsoft’s amendment to Article 5(1)', 1, true) == 1
    end,
    apply = true,
  })
  wait_for('line 55 to change', function()
    return line(55) ~= before[55]
  end)
  eq(
    '1. States Parties shall ensure that the implementation of its obligations under this Convention is in accordance with international human rights law, including, but not limited to, the International Covenant on Civil and Political Rights.',
    line(55),
    'line 55 after the quick fix'
  )
  local after = vim.api.nvim_buf_get_lines(buf16, 0, -1, true)
  eq(#before, #after, 'line count')
  for i = 1, #before do
    if i ~= 55 then
      eq(before[i], after[i], 'line ' .. i .. ' (untouched)')
    end
  end
end)

check('rename (vim.lsp.buf.rename) renumbers Article 42 to 47, its references and the positions targets', function()
  vim.cmd.buffer(buf16)
  cursor_on(159, '42')
  vim.lsp.buf.rename('47')
  wait_for('line 159 to read "### Article 47"', function()
    return line(159) == '### Article 47'
  end)
  eq('2. Nothing in this article affects Article 47, paragraph 2.', line(ref_line), 'the typed reference')
  local targets = {}
  for i, l in ipairs(vim.api.nvim_buf_get_lines(posbuf, 0, -1, true)) do
    if l:match('^target = ".*4[27]') then
      targets[i] = l
    end
  end
  eq({
    [316] = 'target = "Article 47, paragraph 2"',
    [328] = 'target = "Article 47, paragraph 2"',
    [344] = 'target = "Article 47"',
  }, targets, 'targets on Article 42 in the positions buffer')
  -- Nothing was written to disk.
  local disk = vim.fn.readfile(msft)
  eq('target = "Article 42, paragraph 2"', disk[316], 'line 316 of the positions file on disk')
end)

-- The workspace/executeCommand side of the contract.
check('the server advertises treaty-lsp.listStakeholders and treaty-lsp.applyStakeholderAmendments', function()
  local c = client_of(buf16)
  for _, name in ipairs({ 'treaty-lsp.listStakeholders', 'treaty-lsp.applyStakeholderAmendments' }) do
    if not has_command(c, name) then
      error(name .. ' is not in executeCommandProvider.commands: ' .. vim.inspect(c.server_capabilities.executeCommandProvider))
    end
  end
end)

check('Rev.1 follows A/AC.291/16: hover on its Article 6 shows Microsoft’s position carried from there', function()
  vim.cmd.edit(vim.fn.fnameescape(rev1))
  local b = vim.api.nvim_get_current_buf()
  wait_attached(b)
  close_floats()
  cursor_on(find_line('### Article 6', b), '6')
  local text = hover_text()
  contains_all(text, {
    'Was** Article 6 in A/AC.291/16',
    'Microsoft',
    'on A/AC.291/16, Article 6',
  }, 'the hover window on Rev.1 Article 6')
  close_floats()
end)

-- (Article 6, not Article 24: the rename above made A/AC.291/16's Article 42
-- Article 47 in its buffer, so the correspondence table's `Article 42` no
-- longer names an element there and Article 24 is new.)
check(':TreatyCompare on Rev.1 Article 6 diffs it against Article 6 of A/AC.291/16 in a new tab', function()
  local b = vim.api.nvim_get_current_buf()
  local tabs = #vim.api.nvim_list_tabpages()
  cursor_on(find_line('### Article 6', b), '6')
  vim.cmd('TreatyCompare')
  wait_for('a new tab with two windows in diff mode', function()
    return #vim.api.nvim_list_tabpages() == tabs + 1 and #vim.api.nvim_tabpage_list_wins(0) == 2
  end)
  local texts = {}
  for _, w in ipairs(vim.api.nvim_tabpage_list_wins(0)) do
    eq(true, vim.wo[w].diff, 'diff mode in window ' .. w)
    local wb = vim.api.nvim_win_get_buf(w)
    table.insert(texts, vim.api.nvim_buf_get_lines(wb, 0, 1, false)[1])
  end
  eq({ '### Article 6', '### Article 6' }, texts, 'the first line on each side')
  eq('Article 6 (A/AC.291/16) ↔ Article 6 (A/AC.291/22/Rev.1)', vim.t.treaty_compare, 'the title')
  vim.cmd('tabclose')
  vim.cmd.buffer(buf16)
end)

do
  check(':TreatyApplyAmendments Microsoft applies Microsoft’s amendments to the draft', function()
    vim.cmd.buffer(buf16)
    local before = vim.api.nvim_buf_get_lines(buf16, 0, -1, true)
    local lnum = find_line('(c) … provide practical')
    eq('(c) … provide practical measures to enhance technical assistance among States parties …', line(lnum), 'Article 1 (c) before')
    local n_notes = #notes
    vim.cmd('TreatyApplyAmendments Microsoft')
    wait_for('the report of the applied amendments', function()
      for i = n_notes + 1, #notes do
        if notes[i].msg:find('Microsoft: applied', 1, true) then
          return true
        end
      end
    end)
    for i = n_notes + 1, #notes do
      if notes[i].level >= vim.log.levels.ERROR then
        error('error reported: ' .. notes[i].msg)
      end
    end
    local report
    for i = n_notes + 1, #notes do
      report = notes[i].msg:find('Microsoft: applied', 1, true) and notes[i].msg or report
    end
    local applied = report:match('applied (%d+)')
    if not applied or tonumber(applied) < 1 then
      error('no amendment applied: ' .. report)
    end
    eq('(c) … provide practical support to enhance technical assistance among States parties …', line(find_line('(c) … provide practical')), 'Article 1 (c) after')
    eq('(c) … any criminal offences … serious crimes …', line(find_line('criminal offences')), 'Article 41 (2) (c) after (brackets removed)')
    -- The Article 5(1) amendment was applied above as a quick fix: now
    -- applied (the draft reads as proposed), skipped, and said so.
    if not report:find('skipped Article 5 %(1%)[^\n]*applied') then
      error('the report does not list the Article 5(1) amendment as skipped, applied:\n' .. report)
    end
    if vim.deep_equal(before, vim.api.nvim_buf_get_lines(buf16, 0, -1, true)) then
      error('the buffer did not change')
    end
  end)

  check(':TreatyApplyAmendments without a name offers the stakeholders (vim.ui.select) on Rev.1', function()
    vim.cmd.edit(vim.fn.fnameescape(rev1))
    local b = vim.api.nvim_get_current_buf()
    wait_attached(b)
    local before = vim.api.nvim_buf_get_lines(b, 0, -1, true)
    local offered
    local orig = vim.ui.select
    vim.ui.select = function(items, opts, on_choice)
      offered = {}
      for _, it in ipairs(items) do
        table.insert(offered, opts.format_item(it))
      end
      for _, it in ipairs(items) do
        if it.stakeholder == 'Cybersecurity Tech Accord' then
          return on_choice(it)
        end
      end
      on_choice(nil)
    end
    local n_notes = #notes
    vim.cmd('TreatyApplyAmendments')
    wait_for('the buffer to change and the report', function()
      local reported = false
      for i = n_notes + 1, #notes do
        reported = reported or notes[i].msg:find('Cybersecurity Tech Accord: applied', 1, true) ~= nil
      end
      return reported and not vim.deep_equal(before, vim.api.nvim_buf_get_lines(b, 0, -1, true))
    end)
    vim.ui.select = orig
    -- Rev.1's stakeholders: the Tech Accord (and CSIS, with positions but no
    -- words to apply), and Microsoft, whose positions on A/AC.291/16 are
    -- carried into Rev.1 where their clauses are.
    local choices = table.concat(offered, '\n')
    contains_all(choices, { 'Cybersecurity Tech Accord (industry)', 'Microsoft (industry)' }, 'the choices')
  end)
end

check(':TreatyExtract in a submission drafts its positions file and opens it unsaved beside the positions files', function()
  local toml = table.concat(vim.fn.readfile(ws .. '/treaty.toml'), '\n')
  local rel = assert(toml:match('"([^"]*csis%-analysis%-2023%.md)"'), 'the CSIS submission in treaty.toml')
  vim.cmd.edit(vim.fn.fnameescape(vim.fn.fnamemodify(ws .. '/' .. rel, ':p')))
  eq('markdown', vim.bo.filetype, 'the submission is Markdown, not a draft')
  -- the group is picked through vim.ui.select, as any picker plugin does
  local real_select, asked = vim.ui.select, nil
  vim.ui.select = function(items, opts, cb)
    asked = opts.prompt
    cb(items[4])
  end
  vim.cmd('TreatyExtract CSIS')
  wait_for('the drafted positions file', function()
    return vim.api.nvim_buf_get_name(0):find('%.positions%.toml$') ~= nil
  end)
  vim.ui.select = real_select
  eq('Group of CSIS (Esc: none)', asked, 'the group prompt')
  local name = vim.api.nvim_buf_get_name(0)
  -- positions/csis-analysis-2023.positions.toml exists: the next free name
  eq(realpath(ws .. '/positions') .. '/csis-analysis-2023-2.positions.toml', realpath(vim.fn.fnamemodify(name, ':h')) .. '/' .. vim.fn.fnamemodify(name, ':t'), 'the proposed name')
  eq(0, vim.fn.filereadable(name), 'the drafted file is not written')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, true), '\n')
  contains_all(text, {
    'stakeholder = "CSIS"',
    'group = "academia"',
    'draft = "A/AC.291/22/Rev.1"',
    '[[position]]',
  }, 'the drafted positions file')
  -- the submission named relative to where the file is to be saved
  local named = assert(text:match('\nsubmission = "([^"]*)"'), 'a submission line')
  eq(realpath(vim.fn.fnamemodify(ws .. '/' .. rel, ':p')), realpath(ws .. '/positions/' .. named), 'the submission it names')
  vim.cmd('bwipeout!')
end)

check(':TreatyLog opens the LSP log', function()
  vim.cmd('TreatyLog')
  eq(vim.fs.normalize(vim.lsp.log.get_filename()), vim.fs.normalize(vim.api.nvim_buf_get_name(0)), 'the log buffer')
  vim.cmd('close')
  vim.cmd.buffer(buf16)
end)

check(':TreatyRestart stops the client and starts a new one that answers', function()
  vim.cmd.buffer(buf16)
  local old = client_of(buf16)
  vim.cmd('TreatyRestart')
  local new = wait_attached(buf16, old.id)
  eq(true, old:is_stopped(), 'the old client is stopped')
  -- The new server has the unsaved buffer text (didOpen with the buffer).
  wait_for('a hover answer from the new client', function()
    local r = vim.lsp.buf_request_sync(buf16, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(buf16) },
      position = { line = find_line('### Article 47', buf16) - 1, character = 12 },
    }, 3000)
    local v = r and r[new.id] and r[new.id].result and r[new.id].result.contents.value
    return v ~= nil and v:find('Article 47', 1, true) ~= nil
  end)
end)

check("configure({ stakeholders }) changes a running client's filter and the config of the next", function()
  vim.cmd.buffer(buf16)
  local function hover5()
    local c = client_of(buf16)
    local r = vim.lsp.buf_request_sync(buf16, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(buf16) },
      position = { line = find_line('### Article 5', buf16) - 1, character = 12 },
    }, 3000)
    return r and r[c.id] and r[c.id].result and r[c.id].result.contents.value or ''
  end
  wait_for('Microsoft in the hover on Article 5', function()
    return hover5():find('**Microsoft**', 1, true) ~= nil
  end)
  require('treaty').configure({ stakeholders = { 'CSIS' } })
  wait_for('no Microsoft in the hover on Article 5 (filter: CSIS)', function()
    local v = hover5()
    return v:find('Article 5', 1, true) ~= nil and v:find('**Microsoft**', 1, true) == nil
  end)
  local old = client_of(buf16)
  vim.cmd('TreatyRestart')
  local new = wait_attached(buf16, old.id)
  eq({ 'CSIS' }, new.config.init_options.stakeholders, 'init_options.stakeholders after a restart')
  require('treaty').configure({ stakeholders = {} })
  wait_for('Microsoft back in the hover on Article 5', function()
    return hover5():find('**Microsoft**', 1, true) ~= nil
  end)
  old = client_of(buf16)
  vim.cmd('TreatyRestart')
  new = wait_attached(buf16, old.id)
  eq({}, new.config.init_options.stakeholders, 'init_options.stakeholders after configure({ stakeholders = {} }) and a restart')
  eq({}, new.config.settings.treaty.stakeholders, 'settings.treaty.stakeholders')
end)

check('doc/treaty.txt: :helptags accepts it and :help finds its tags', function()
  local docdir = tmp .. '/help/doc'
  vim.fn.mkdir(docdir, 'p')
  vim.fn.writefile(vim.fn.readfile(plugin .. '/doc/treaty.txt', 'b'), docdir .. '/treaty.txt', 'b')
  vim.cmd('helptags ' .. vim.fn.fnameescape(docdir)) -- errors (E154 duplicate tag ...) fail the check
  local tags = {}
  for _, l in ipairs(vim.fn.readfile(docdir .. '/tags')) do
    tags[l:match('^[^\t]+')] = true
  end
  for _, t in ipairs({
    'treaty.txt',
    'treaty',
    'treaty-setup',
    'treaty-commands',
    ':TreatyApplyAmendments',
    ':TreatyPositions',
    ':TreatyRestart',
    ':TreatyLog',
    'treaty.showPositions',
  }) do
    if not tags[t] then
      error('no help tag ' .. t .. ' in ' .. vim.inspect(vim.tbl_keys(tags)))
    end
  end
  vim.opt.runtimepath:prepend(tmp .. '/help')
  vim.cmd('help :TreatyApplyAmendments')
  eq('help', vim.bo.buftype, 'buftype of the help window')
  if not vim.api.nvim_get_current_line():find('TreatyApplyAmendments', 1, true) then
    error('the help cursor line is ' .. vim.api.nvim_get_current_line())
  end
  vim.cmd('helpclose')
end)

check('the Neovim 0.10 path (setup{legacy=true}: FileType + vim.lsp.start) attaches and answers; stakeholders filter at start and via configure()', function()
  vim.lsp.enable('treaty_lsp', false)
  -- Stop every client, including any still starting after the restarts
  -- above (get_clients() lists a client only once it is initialized):
  -- none left for half a second.
  local quiet_since
  wait_for('every client to stop', function()
    local left = vim.lsp.get_clients({ name = 'treaty_lsp' })
    for _, c in ipairs(left) do
      c:stop(true)
    end
    if #left > 0 then
      quiet_since = nil
      return false
    end
    quiet_since = quiet_since or vim.uv.now()
    return vim.uv.now() - quiet_since >= 500
  end)
  require('treaty').setup({ cmd = { server }, legacy = true, stakeholders = { 'CSIS' } })
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    vim.api.nvim_buf_delete(b, { force = true })
  end
  vim.cmd.edit(vim.fn.fnameescape(rev1))
  local b = vim.api.nvim_get_current_buf()
  local c = wait_attached(b)
  eq(realpath(ws), realpath(c.config.root_dir), 'root_dir')
  local article6 = find_line('### Article 6') - 1
  local value
  wait_for('a hover on Article 6 with positions', function()
    local r = vim.lsp.buf_request_sync(b, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(b) },
      position = { line = article6, character = 12 },
    }, 3000)
    value = r and r[c.id] and r[c.id].result and r[c.id].result.contents.value
    return value ~= nil and value:find('Positions', 1, true) ~= nil
  end)
  contains_all(value, { 'CSIS', 'academia' }, 'the hover on Rev.1 Article 6')
  -- stakeholders = { 'CSIS' } (initializationOptions): the Tech Accord's
  -- positions are left out (unfiltered, they are on Article 6(1) and 6(2)).
  if value:find('Tech Accord** (industry)', 1, true) then
    error('stakeholders = { "CSIS" } still shows the Tech Accord:\n' .. value)
  end
  eq({ 'CSIS' }, c.config.init_options.stakeholders, 'init_options.stakeholders')
  eq({ 'CSIS' }, c.config.settings.treaty.stakeholders, 'settings.treaty.stakeholders')

  -- While it runs (workspace/didChangeConfiguration): the Tech Accord only.
  require('treaty').configure({ stakeholders = { 'Cybersecurity Tech Accord' } })
  wait_for('a hover on Article 6 with the Tech Accord and without CSIS', function()
    local r = vim.lsp.buf_request_sync(b, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(b) },
      position = { line = article6, character = 12 },
    }, 3000)
    value = r and r[c.id] and r[c.id].result and r[c.id].result.contents.value
    return value ~= nil
      and value:find('Cybersecurity Tech Accord** (industry)', 1, true) ~= nil
      and value:find('CSIS** (academia)', 1, true) == nil
  end)
  -- And back to everyone.
  require('treaty').configure({ stakeholders = {} })
  wait_for('a hover on Article 6 with both', function()
    local r = vim.lsp.buf_request_sync(b, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(b) },
      position = { line = article6, character = 12 },
    }, 3000)
    value = r and r[c.id] and r[c.id].result and r[c.id].result.contents.value
    return value ~= nil
      and value:find('Cybersecurity Tech Accord** (industry)', 1, true) ~= nil
      and value:find('CSIS** (academia)', 1, true) ~= nil
  end)
  vim.cmd.edit(vim.fn.fnameescape(msft))
  wait_attached(vim.api.nvim_get_current_buf())
  eq(c.id, client_of(vim.api.nvim_get_current_buf()).id, 'one client for the draft and the positions file')
  vim.cmd.edit(vim.fn.fnameescape(ws .. '/treaty.toml'))
  vim.wait(300)
  eq(nil, client_of(vim.api.nvim_get_current_buf()), 'treaty-lsp client on treaty.toml')
  loose_draft_check()
end)

out(('neovim: %d passed, 0 failed'):format(passed))
finish(0)
