'use strict';
// Source of grammar/treaty.tmLanguage.json. Edit this file, then run
// `node grammar/test/generate.js` (the test suite fails when the JSON and
// this source disagree). Regexes are Oniguruma, as VS Code runs them.
//
// The format is specified in grammar/README.md; the section names below
// follow it. TextMate sees one line at a time, so what the parser decides
// from context (block starts, list state, the (h)/(i) rule) is
// approximated here; grammar/SCOPES.md lists the approximations.

const r = String.raw;

// ---------------------------------------------------------------- pieces

// bis, ter, quater, quinquies, sexies ... vicies (grammar/README.md, Suffix).
const SUFFIX = r`(?i:bis|ter|quater|(?:quinqu|sex|sept|oct|nov|non|dec|undec|duodec|terdec|quaterdec|quindec|sexdec|septdec|octodec|novodec|vic)ies)`;
const EMPH = r`(?:\*\*|__|\*|_)`;
const SEPCHARS = r`[.:\-–—]`;

// Headings (grammar/README.md, "Articles", "Divisions", "Annexes").
const ARTICLE_WORD_PLAIN = r`(?:Article|ARTICLE|Art\.|ART\.?)`;
const ARTICLE_WORD_MD = r`(?:(?i:article)|Art\.|ART\.?)`;
const ARTICLE_NUM = r`(?:\d+(?:[a-zA-Z](?!\w))?(?:[ \t-]?${SUFFIX}(?!\w))?|[IVXLC]+(?!\w))`;
const DIVISION_WORD_PLAIN = r`(?:B(?i:ook)|P(?i:art)|T(?i:itle)|C(?i:hapter)|S(?i:ub-?section)|S(?i:ection))`;
const DIVISION_WORD_MD = r`(?i:book|part|title|chapter|sub-?section|section)`;
const DIVISION_NUM = r`(?:\d+[A-Za-z]?|[IVXLC]+|[A-Z]|(?i:one|two|three|four|five|six|seven|eight|nine|ten))(?!\w)`;
const ANNEX_WORD_PLAIN = r`(?:A(?i:nnex)|A(?i:ppendix)|S(?i:chedule))`;
const ANNEX_WORD_MD = r`(?i:annex|appendix|schedule)`;

// Where a plain heading may start: the line start (up to 3 spaces), or
// just after the `[` that opens an unagreed article (`[Article 9`).
const PLAIN_START = r`(?:^[ ]{0,3}|(?<=^\[|^ \[|^  \[|^   \[))`;

// Title guard for a same-line title on a plain line: starts with a capital
// or `[`, no " shall " / " may ", at most 15 words and 150 characters, does
// not end with `,` or `;`.
const TITLE_SAME_LINE = r`(?=[\p{Lu}\[])(?![^\n]*[ \t](?:shall|may)[ \t])(?=[^\n]{1,150}$)(?:[^ \t\n]+[ \t]+){0,14}[^ \t\n]*[^ \t\n*_,;]`;

// Subdivision labels (grammar/README.md, "Subdivisions").
const LABEL_KEY_PARAGRAPH = r`\d{1,3}[a-z]?`;
const LABEL_KEY_ITEM = r`[ivx]{1,5}`;
const LABEL_KEY_POINT = r`[a-z](?:[ ]?${SUFFIX})?`;

// Which line is structural, for the next-line title guard.
const STRUCTURAL_PLAIN = r`\[?${EMPH}*(?:${ARTICLE_WORD_PLAIN}[ \t]*${ARTICLE_NUM}|${DIVISION_WORD_PLAIN}\.?[ \t]*${DIVISION_NUM}|${ANNEX_WORD_PLAIN}(?!\w)|(?i:preamble)(?!\w))`;
const LABEL_START = r`(?:[-+][ \t]+)?${EMPH}?(?:\([A-Za-z0-9 ]{1,12}\)|\d{1,3}[a-z]?(?:[.)]|[ \t]+[-–—])|[a-z]{1,5}[.)]|[A-Z]{1,4}\))`;
const TESTIMONIUM = r`(?:IN WITNESS WHEREOF|IN FAITH WHEREOF|In witness whereof|In faith whereof|(?:DONE|Done)[ \t]+(?:at|in)(?!\w))`;

// Next-line title: at most 150 characters, starts with a capital, `[` or
// `(`, does not end with . , ; :, no " shall " / " may ", not structural,
// not a label, not a testimonium.
// A title never holds a bracket that it does not close: that bracket is
// unagreed text running on, and must open a bracket region.
const NO_OPEN_BRACKET = r`(?![^\n]*\[[^\]\n]*$)`;
const TITLE_NEXT_LINE_BODY = r`${NO_OPEN_BRACKET}(?=[\p{Lu}\[(])(?![^\n]*[ \t](?:shall|may)[ \t])(?=[^\n]{1,150}$)[^\n]*?[^ \t\n.,;:*_]`;
const TITLE_NEXT_LINE = r`^[ ]{0,3}(?!${STRUCTURAL_PLAIN})(?!${LABEL_START}(?:[ \t]|$))(?!${TESTIMONIUM})(${EMPH})?(${TITLE_NEXT_LINE_BODY})(${EMPH})?[ \t]*$`;

// A Markdown heading that is structural (and so never a title).
const MD_STRUCTURAL = r`(?:${EMPH}*[ \t]*(?:${ARTICLE_WORD_MD}[ \t]*${ARTICLE_NUM}|${DIVISION_WORD_MD}\.?[ \t]*${DIVISION_NUM}|${ANNEX_WORD_MD}(?!\w)|(?i:preamble)(?!\w)|\d{1,4}[ \t]*(?:#|$)|(?i:resolution)[ \t]+(?:[IVXLC]+|\d+)(?!\w)|(?:(?i:first|second|third|optional|additional)[ \t]+)*(?i:protocol)(?!\w)|(?i:final act)(?!\w)))`;
const MD_TITLE_LINE = r`^[ ]{0,3}(#{1,6})[ \t]+(?!${MD_STRUCTURAL})(${EMPH})?(.*?[^ \t*_#])(${EMPH})?(?:[ \t]+#+)?[ \t]*$`;

// References (grammar/README.md, "References"). One line at a time.
const LEVEL_WORD = r`(?i:articles|article|arts|art|paragraphs|paragraph|paras|para|sub-?paragraphs|sub-?paragraph|points|point|letters|letter|items|item|sub-?items|sub-?item)(?![A-Za-z-])\.?`;
const ARTICLE_REF_WORD = r`(?i:articles|article|arts|art)(?![A-Za-z-])\.?`;
// `letter(s)`, `subitem` and `schedule` are triggers too, as in the
// server (grammar/README.md, "Finding references").
const DIVISION_REF_WORD = r`(?i:chapters|chapter|parts|part|sub-?sections|sub-?section|sections|section|annexes|annex|appendices|appendix|schedules|schedule|titles|title)(?![A-Za-z-])\.?`;
const THIS_NOUN = r`(?:(?i:article|paragraph|sub-?paragraph|point|chapter|part|sub-?section|section|annex|appendix|schedule)|Title)(?![\w-])`;
const SIBLING_NOUN = r`(?i:article|paragraph|sub-?paragraph)(?![\w-])`;
const INSTRUMENT_NOUN = r`(?:Conventions?|Covenants?|Charter|Statutes?|Treaty|Treaties|Protocols?|Agreements?|Regulations?|Directives?|Decisions?|Act|Code|Constitution|Declarations?|Rules|Pact|Accord|Instruments?|Report|Resolutions?)(?![\w-])`;
const INSTRUMENT_NOUN_I = r`(?i:conventions?|covenants?|charter|statutes?|treaty|protocols?|agreements?|regulations?|directives?|decisions?|act|code|constitution|declarations?|rules|pact|accord|instruments?|report|resolutions?)(?![\w-])`;

const PAREN_KEY = r`\([ \t]*[*_]*(?:\d{1,3}[a-z]?|[a-z]{1,2}(?:[ \t]?${SUFFIX})?|[A-Z]{1,2}|[ivxlc]{1,6}|[IVXLC]{1,6})[*_]*[ \t]*\)`;
const LOWER_KEY = r`(?:[a-z]|[ivx]{2,5})`;
const PIECE = r`(?:\d{1,4}(?:[ \t]*${SUFFIX}(?!\w)|[a-z](?!\w))?|[*_]*${PAREN_KEY}[*_]*(?:[ \t]*${SUFFIX}(?!\w))?|${LOWER_KEY}(?:[.)](?!\w)|(?=\.${LOWER_KEY}(?!\w)))|[IVXLC]+(?!\w))`;
const COMPONENT = r`(?:\.\d{1,4}(?!\d)|\.(?:[a-z]|[ivx]{2,5})(?!\w)|[ \t]*[*_]*${PAREN_KEY}[*_]*(?:[ \t]+${SUFFIX}(?!\w))?|[ \t]+${LOWER_KEY}(?:\)(?!\w)|(?=\.${LOWER_KEY}(?!\w))))`;
const DESCENT = r`(?:,[ \t]*|[ \t]+)${LEVEL_WORD}[ \t]*${PIECE}${COMPONENT}*`;
const ENTRY = r`(?>${PIECE}${COMPONENT}*(?:${DESCENT})*)`;
// A separator with `and`/`or` followed by a level word starts a new
// reference (`article 140 and article 160`); after a comma alone the list
// goes on (`article 35, article 36, paragraphs 8 and 9`).
const SEP_COMMA = r`(?:[ \t]*,[ \t]*)+`;
const SEP = r`(?:(?:[ \t]*,[ \t]*)+(?:(?i:and/or|and|or)[ \t]+)?|[ \t]+(?i:and/or|and|or|to|through|until)[ \t]+|[ \t]*[-–—][ \t]*)`;
// Atomic: a list is read as far as it goes and never re-split (the parser
// reads the longest reference too); without it, `Article 4, paragraph 2,
// Article 6, paragraph 3, ...` backtracks exponentially.
// Later in a list a bare letter may stand alone: `sub-paragraphs d. and e, and 2`.
const BARE_LETTER = r`[a-z](?=[ \t]*[,;:]|\.(?!\w)|[ \t]*$)`;
const LIST = r`(?>${ENTRY}(?:${SEP}(?:${ENTRY}|${BARE_LETTER})|${SEP_COMMA}${LEVEL_WORD}[ \t]*${ENTRY})*)`;
const DIV_KEY = r`(?:\d+|[IVXLC]+|[A-Z])(?!\w)(?:[ \t]+${SUFFIX}(?!\w))?`;
const DIV_LIST = r`(?>${DIV_KEY}(?:${SEP}${DIV_KEY})*)`;
const THIS_OR_THAT = r`(?i:this|the[ \t]+present|that|the[ \t]+same|the[ \t]+said)`;
// A tail's own list is simpler: pieces and components, no descents (`of
// Article 9(2)`, `of paragraph 1 of Article 1`, `of Articles 5 and 6`).
const TAIL_LIST = r`(?>${PIECE}${COMPONENT}*(?:${SEP}${PIECE}${COMPONENT}*)*)`;
const TAIL = r`(?:,?[ \t]+(?i:of|in|under)[ \t]+${THIS_OR_THAT}[ \t]+(?:${INSTRUMENT_NOUN_I}|${THIS_NOUN})|,?[ \t]+(?i:of)[ \t]+(?i:the)[ \t]+(?i:preamble)(?!\w)|,?[ \t]+(?i:of)[ \t]+${LEVEL_WORD}[ \t]*${TAIL_LIST}|,?[ \t]+(?i:of)[ \t]+${DIVISION_REF_WORD}[ \t]*${DIV_LIST})`;
// `of the <Name>`: a capitalised name holding an instrument noun, or an
// acronym (`the ICCPR`). It ends the reference.
const CONNECTOR = r`(?:of|on|the|and|for|against|to|in|relating|concerning|between|with|regarding|de|la|le|du|des)`;
const NAME_PART = r`(?:[\p{Lu}][\w'’-]*|No\.?|\d+(?:/\d+)*|\([A-Za-z]+\)|/\d+)`;
const NAME_GAP = r`(?:[ \t]+${CONNECTOR})*[ \t]+`;
const INSTRUMENT_NAME = r`(?:(?:(?:the|that)[ \t]+)?(?:[\p{Lu}][\w'’-]*(?:${NAME_GAP}${NAME_PART})*?${NAME_GAP})?${INSTRUMENT_NOUN}(?:${NAME_GAP}${NAME_PART})*|the[ \t]+[A-Z]{2,7}(?!\w))`;
const EXT_TAIL = r`,?[ \t]+(?i:of)[ \t]+(${INSTRUMENT_NAME})`;

const LEVEL_REF = r`(?<![\w-])${LEVEL_WORD}[ \t]*${LIST}(?>(?:${TAIL})*)(?:${EXT_TAIL})?`;
// `Chapter V, Section II`: a section or chapter of the division before
const INNER_DIVISION_WORD = r`(?i:sub-?sections|sub-?section|sections|section|chapters|chapter)(?![A-Za-z-])\.?`;
const DIVISION_REF = r`(?<![\w-])${DIVISION_REF_WORD}[ \t]*${DIV_LIST}(?:,?[ \t]*(?:${INNER_DIVISION_WORD}[ \t]*${DIV_LIST}|${ARTICLE_REF_WORD}[ \t]*${LIST}))?(?>(?:${TAIL})*)(?:${EXT_TAIL})?`;
// `that article` standing alone (the one cited just before); not `that
// paragraph 2 applies`, where the level word starts the reference
const DEMONSTRATIVE = r`(?<![\w-])(?:(?i:this|the[ \t]+present)[ \t]+${THIS_NOUN}|(?i:that)[ \t]+${THIS_NOUN}(?![ \t]*(?:\d|\(|[IVXLC]+(?!\w)))|(?i:the)[ \t]+(?i:preceding|previous|following)[ \t]+${SIBLING_NOUN})`;

// Defined terms (grammar/README.md, "Defined terms").
const Q_OPEN = r`(?:\x60\x60|"|“|‘|')`;
const Q_CLOSE = r`(?:''|"|”|’|')`;
const TERM = r`[\p{L}\p{N}][^"”’'\x60\n\[\]]{0,79}`;
const DEF_VERB = r`(?:shall[ \t]+mean|shall[ \t]+include|shall[ \t]+refer[ \t]+to|shall[ \t]+have[ \t]+the[ \t]+meaning|means|mean|includes|include|refers[ \t]+to|has[ \t]+the[ \t]+meaning|is[ \t]+defined[ \t]+as|denotes)(?!\w)`;
const DEF_PAREN = r`\([^)\n]{0,60}\)[ \t]*`;
const DEF_WHICH = r`,[ \t]*which[ \t][^,;\n]{1,60},[ \t]*`;
const DEF_MORE = r`(?:,[ \t]*(?:(?i:or|and)[ \t]+)?|[ \t]+(?i:or|and)[ \t]+)${Q_OPEN}${TERM}${Q_CLOSE}[ \t]*`;

// ---------------------------------------------------------------- rules

const scope = (s) => `${s}.treaty`;

function headingRules(kind, { plainWord, mdWord, num, keywordScope, numberScope }) {
  // Returns the repository entries for one heading kind: plain and
  // Markdown, bare (awaiting a title on a later line) and titled.
  const titleScope = scope(`entity.name.section.${kind}`);
  const heading = scope(`markup.heading.${kind}`);
  const bareTitleAwait = (beginRe, beginCaptures) => ({
    // A bare heading may take its title from the next non-blank line.
    begin: beginRe,
    beginCaptures,
    end: r`^(?=[ \t]*\S)(?!${TITLE_NEXT_LINE})(?!${MD_TITLE_LINE})|(?<=\S)[ \t]*$|(?=\])`,
    patterns: [
      {
        match: TITLE_NEXT_LINE,
        name: scope(`markup.heading.title.${kind}`),
        captures: {
          1: { name: scope('punctuation.definition.emphasis') },
          2: { name: titleScope, patterns: [{ include: '#inline' }] },
          3: { name: scope('punctuation.definition.emphasis') },
        },
      },
      {
        match: MD_TITLE_LINE,
        name: scope('markup.heading'),
        captures: {
          1: { name: scope('punctuation.definition.heading') },
          2: { name: scope('punctuation.definition.emphasis') },
          3: { name: titleScope, patterns: [{ include: '#inline' }] },
          4: { name: scope('punctuation.definition.emphasis') },
        },
      },
    ],
  });
  const rules = {};
  // Plain line, bare: `Article 5`, `CHAPTER III`, `**Article 10**`, `Article 5.`
  rules[`${kind}-plain-bare`] = bareTitleAwait(
    // A `]` after the number closes the bracket of `[Article 9]`: it is left
    // to the bracket rule.
    r`${PLAIN_START}(${EMPH}*)[ \t]*(${plainWord})[ \t]*(${num})[ \t]*(\.)?[ \t]*(${EMPH}*)[ \t]*(?:\n|$|(?=\][ \t]*$))`,
    {
      0: { name: heading },
      1: { name: scope('punctuation.definition.emphasis') },
      2: { name: keywordScope },
      3: { name: numberScope },
      4: { name: scope('punctuation.separator.heading') },
      5: { name: scope('punctuation.definition.emphasis') },
    },
  );
  // Plain line with a same-line title: `Article 5. Scope`, `Article 5 - Scope`,
  // `Section 2 Cooperation`. A begin/end rule, so that a bracket opened in
  // the title (`Article 5 - [Scope ...`) may run on to later lines.
  rules[`${kind}-plain-titled`] = {
    begin: r`${PLAIN_START}(${EMPH}*)[ \t]*(${plainWord})[ \t]*(${num})(?:[ \t]*(${SEPCHARS}+)[ \t]*|[ \t]+)(?=${TITLE_SAME_LINE}[ \t]*${EMPH}*[ \t]*$)`,
    beginCaptures: {
      1: { name: scope('punctuation.definition.emphasis') },
      2: { name: keywordScope },
      3: { name: numberScope },
      4: { name: scope('punctuation.separator.heading') },
    },
    end: r`[ \t]*(${EMPH}*)[ \t]*$`,
    endCaptures: { 1: { name: scope('punctuation.definition.emphasis') } },
    name: heading,
    contentName: titleScope,
    patterns: [{ include: '#inline' }],
  };
  // Markdown, bare: `### Article 5`, `### **CHAPTER I**`, `### Article 5 ###`
  rules[`${kind}-md-bare`] = bareTitleAwait(
    r`^[ ]{0,3}(#{1,6})[ \t]+(${EMPH}*)[ \t]*(${mdWord})[ \t]*(${num})[ \t]*(\.)?[ \t]*(${EMPH}*)(?:[ \t]+(#+))?[ \t]*(?:\n|$|(?=\][ \t]*$))`,
    {
      0: { name: heading },
      1: { name: scope('punctuation.definition.heading') },
      2: { name: scope('punctuation.definition.emphasis') },
      3: { name: keywordScope },
      4: { name: numberScope },
      5: { name: scope('punctuation.separator.heading') },
      6: { name: scope('punctuation.definition.emphasis') },
      7: { name: scope('punctuation.definition.heading') },
    },
  );
  // Markdown with a same-line title: `### Article 5 - Scope` (no title guard).
  rules[`${kind}-md-titled`] = {
    begin: r`^[ ]{0,3}(#{1,6})[ \t]+(${EMPH}*)[ \t]*(${mdWord})[ \t]*(${num})(?:[ \t]*(${SEPCHARS}+)[ \t]*|[ \t]+)(?=[^\n]*?[^ \t*_#])`,
    beginCaptures: {
      1: { name: scope('punctuation.definition.heading') },
      2: { name: scope('punctuation.definition.emphasis') },
      3: { name: keywordScope },
      4: { name: numberScope },
      5: { name: scope('punctuation.separator.heading') },
    },
    end: r`[ \t]*(${EMPH}*)(?:[ \t]+(#+))?[ \t]*$`,
    endCaptures: {
      1: { name: scope('punctuation.definition.emphasis') },
      2: { name: scope('punctuation.definition.heading') },
    },
    name: heading,
    contentName: titleScope,
    patterns: [{ include: '#inline' }],
  };
  return rules;
}

// The end of a paragraph of prose: a blank line, a line that a Markdown
// heading, fence or comment starts, the end of a line that ends a sentence
// (. ; :) or ends with a conjunction, or a `]` that closes a bracket opened
// before the paragraph. Until then, plain headings are not recognised
// (heading guard 1: hard-wrapped prose is never a heading).
const PARAGRAPH_END = r`^(?=[ \t]*$)|^(?=[ ]{0,3}(?:#{1,6}(?:[ \t]|$)|\x60{3,}|~{3,}|<!--))|(?<=[.;:])[ \t]*$|(?<=[ \t]and|[ \t]or|[ \t]and/or)[ \t]*$|(?=\])`;

function labelRule(name, keyRe, kind) {
  const keyScope = {
    paragraph: 'constant.numeric.paragraph',
    point: 'constant.numeric.point',
    item: 'constant.numeric.item',
    subitem: 'constant.numeric.subitem',
  }[kind];
  return { name, keyRe, keyScope: scope(keyScope), labelScope: scope(`meta.label.${kind}`) };
}

// Labels at the start of a line. Order matters: items (i, ii, iv) before
// points, so that `(i)` is an item (the parser decides `(i)` from context).
const LABEL_FOLLOW_PAREN = r`(?=[ \t]|$|[*_]|[\p{L}\["“])`;
const LABEL_FOLLOW_LETTER_DOT = r`(?=[ \t]|$|[*_]|\p{L}(?!\.))`;
const LABEL_FOLLOW_NUMBER_DOT = r`(?=[ \t]|$|[*_]|\p{Lu})`;
const LABEL_LEAD = r`^[ ]{0,3}((?:[-+][ \t]+)?)(${EMPH}?)`;
const LABEL_TAIL = r`(${EMPH}?)`;

function parenLabel(kind, key, follow) {
  const l = labelRule('', key, kind);
  return {
    match: r`${LABEL_LEAD}((\()[ \t]*(${key})[ \t]*(\))(\.)?(?:[ \t](${SUFFIX})(?=[ \t]|$))?)${LABEL_TAIL}${follow}`,
    captures: {
      1: { name: scope('punctuation.definition.list.begin') },
      2: { name: scope('punctuation.definition.emphasis') },
      3: { name: l.labelScope },
      4: { name: scope('punctuation.definition.label.begin') },
      5: { name: l.keyScope },
      6: { name: scope('punctuation.definition.label.end') },
      7: { name: scope('punctuation.definition.label.end') },
      8: { name: l.keyScope },
      9: { name: scope('punctuation.definition.emphasis') },
    },
  };
}

function plainLabel(kind, key, punct, follow) {
  const l = labelRule('', key, kind);
  return {
    match: r`${LABEL_LEAD}((${key})(${punct}))${LABEL_TAIL}${follow}`,
    captures: {
      1: { name: scope('punctuation.definition.list.begin') },
      2: { name: scope('punctuation.definition.emphasis') },
      3: { name: l.labelScope },
      4: { name: l.keyScope },
      5: { name: scope('punctuation.definition.label.end') },
      6: { name: scope('punctuation.definition.emphasis') },
    },
  };
}

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Treaty draft',
  scopeName: 'text.treaty',
  fileTypes: ['treaty', 'treaty.md'],
  comment:
    'Treaty drafts (plain text or Markdown): headings, numbering, cross-references, defined terms and square-bracketed unagreed text. Generated from grammar/test/src/grammar.js; scopes are listed in grammar/SCOPES.md.',
  patterns: [{ include: '#front-matter' }, { include: '#main' }],
  repository: {
    // ------------------------------------------------------------ blocks
    main: {
      patterns: [
        { include: '#fenced-code' },
        { include: '#html-comment-block' },
        { include: '#markdown-headings' },
        { include: '#plain-headings' },
        { include: '#preamble-plain' },
        { include: '#paragraph' },
        { include: '#inline' },
      ],
    },
    'front-matter': {
      // Only on the first line of the file (after an optional BOM).
      begin: r`\A\x{FEFF}?(---)[ \t]*$`,
      beginCaptures: { 1: { name: scope('punctuation.definition.frontmatter.begin') } },
      end: r`^(---|\.\.\.)[ \t]*$`,
      endCaptures: { 1: { name: scope('punctuation.definition.frontmatter.end') } },
      name: scope('meta.embedded.block.frontmatter'),
      patterns: [
        {
          match: r`^[ \t]*([^:\n#][^:\n]*?)[ \t]*(:)[ \t]*(.*?)[ \t]*$`,
          captures: {
            1: { name: scope('entity.name.tag.frontmatter') },
            2: { name: scope('punctuation.separator.key-value') },
            3: { name: scope('string.unquoted.frontmatter') },
          },
        },
      ],
    },
    'fenced-code': {
      // Verbatim: no treaty scopes inside. A fence never closed runs to
      // the end of the file, as in the parser.
      patterns: [
        {
          begin: r`^[ ]{0,3}(\x60{3,})[ \t]*([^\x60\n]*?)[ \t]*$`,
          beginCaptures: {
            1: { name: scope('punctuation.definition.fenced-code.begin') },
            2: { name: scope('fenced_code.block.language') },
          },
          end: r`^[ ]{0,3}(\1\x60*)[ \t]*$`,
          endCaptures: { 1: { name: scope('punctuation.definition.fenced-code.end') } },
          name: scope('markup.fenced_code.block'),
          contentName: scope('markup.raw.block'),
        },
        {
          begin: r`^[ ]{0,3}(~{3,})[ \t]*([^\n]*?)[ \t]*$`,
          beginCaptures: {
            1: { name: scope('punctuation.definition.fenced-code.begin') },
            2: { name: scope('fenced_code.block.language') },
          },
          end: r`^[ ]{0,3}(\1~*)[ \t]*$`,
          endCaptures: { 1: { name: scope('punctuation.definition.fenced-code.end') } },
          name: scope('markup.fenced_code.block'),
          contentName: scope('markup.raw.block'),
        },
      ],
    },
    'html-comment-block': {
      // A line that starts with `<!--`: an editor's note, opaque.
      begin: r`^[ \t]*(<!--)`,
      beginCaptures: { 1: { name: scope('punctuation.definition.comment.begin') } },
      end: r`(-->)`,
      endCaptures: { 1: { name: scope('punctuation.definition.comment.end') } },
      name: scope('comment.block.html'),
    },
    'html-comment-inline': {
      begin: r`<!--`,
      beginCaptures: { 0: { name: scope('punctuation.definition.comment.begin') } },
      end: r`-->`,
      endCaptures: { 0: { name: scope('punctuation.definition.comment.end') } },
      name: scope('comment.block.html'),
    },
    'markdown-headings': {
      patterns: [
        { include: '#article-md-bare' },
        { include: '#article-md-titled' },
        { include: '#division-md-bare' },
        { include: '#division-md-titled' },
        { include: '#annex-md-bare' },
        { include: '#annex-md-titled' },
        { include: '#annex-md-unnumbered' },
        { include: '#preamble-md' },
        { include: '#paragraph-md' },
        { include: '#instrument-md' },
        { include: '#heading-md' },
      ],
    },
    'plain-headings': {
      patterns: [
        { include: '#article-plain-bare' },
        { include: '#article-plain-titled' },
        { include: '#division-plain-bare' },
        { include: '#division-plain-titled' },
        { include: '#annex-plain-bare' },
        { include: '#annex-plain-titled' },
        { include: '#annex-plain-unnumbered' },
      ],
    },
    ...headingRules('article', {
      plainWord: ARTICLE_WORD_PLAIN,
      mdWord: ARTICLE_WORD_MD,
      num: ARTICLE_NUM,
      keywordScope: scope('keyword.other.article'),
      numberScope: scope('constant.numeric.article'),
    }),
    ...headingRules('division', {
      plainWord: DIVISION_WORD_PLAIN,
      mdWord: DIVISION_WORD_MD,
      num: DIVISION_NUM,
      keywordScope: scope('keyword.other.division'),
      numberScope: scope('constant.numeric.division'),
    }),
    ...headingRules('annex', {
      plainWord: ANNEX_WORD_PLAIN,
      mdWord: ANNEX_WORD_MD,
      num: DIVISION_NUM,
      keywordScope: scope('keyword.other.annex'),
      numberScope: scope('constant.numeric.annex'),
    }),
    'annex-plain-unnumbered': {
      // `ANNEX`, `ANNEX TO THE CONVENTION`: the rest of the line in capitals.
      match: r`${PLAIN_START}(${EMPH}*)[ \t]*(${ANNEX_WORD_PLAIN})\.?(?:[ \t]*${SEPCHARS}*[ \t]*((?=[^\n]*\p{Lu})[^\p{Ll}\n*_]*[^\p{Ll}\n*_ \t]))?[ \t]*(${EMPH}*)[ \t]*$`,
      name: scope('markup.heading.annex'),
      captures: {
        1: { name: scope('punctuation.definition.emphasis') },
        2: { name: scope('keyword.other.annex') },
        3: { name: scope('entity.name.section.annex') },
        4: { name: scope('punctuation.definition.emphasis') },
      },
    },
    'annex-md-unnumbered': {
      match: r`^[ ]{0,3}(#{1,6})[ \t]+(${EMPH}*)[ \t]*(${ANNEX_WORD_MD})(?!\w)\.?(?:[ \t]*${SEPCHARS}*[ \t]*(.*?[^ \t*_#]))?(${EMPH}*)(?:[ \t]+(#+))?[ \t]*$`,
      name: scope('markup.heading.annex'),
      captures: {
        1: { name: scope('punctuation.definition.heading') },
        2: { name: scope('punctuation.definition.emphasis') },
        3: { name: scope('keyword.other.annex') },
        4: { name: scope('entity.name.section.annex'), patterns: [{ include: '#inline' }] },
        5: { name: scope('punctuation.definition.emphasis') },
        6: { name: scope('punctuation.definition.heading') },
      },
    },
    'preamble-md': {
      match: r`^[ ]{0,3}(#{1,6})[ \t]+(${EMPH}*)[ \t]*((?i:preamble))(${EMPH}*)(?:[ \t]+(#+))?[ \t]*$`,
      name: scope('markup.heading.preamble'),
      captures: {
        1: { name: scope('punctuation.definition.heading') },
        2: { name: scope('punctuation.definition.emphasis') },
        3: { name: scope('entity.name.section.preamble') },
        4: { name: scope('punctuation.definition.emphasis') },
        5: { name: scope('punctuation.definition.heading') },
      },
    },
    'preamble-plain': {
      // `Preamble` on its own or followed by the preamble's text.
      begin: r`^[ ]{0,3}(${EMPH}*)[ \t]*((?i:preamble))(?!\w)(${EMPH}*)`,
      beginCaptures: {
        1: { name: scope('punctuation.definition.emphasis') },
        2: { name: `${scope('markup.heading.preamble')} ${scope('entity.name.section.preamble')}` },
        3: { name: scope('punctuation.definition.emphasis') },
      },
      end: PARAGRAPH_END,
      patterns: [{ include: '#inline' }],
    },
    'paragraph-md': {
      // `### 12`: an operative paragraph of a resolution.
      match: r`^[ ]{0,3}(#{1,6})[ \t]+(\d{1,4})(?:[ \t]+(#+))?[ \t]*$`,
      name: scope('markup.heading.paragraph'),
      captures: {
        1: { name: scope('punctuation.definition.heading') },
        2: { name: scope('constant.numeric.paragraph') },
        3: { name: scope('punctuation.definition.heading') },
      },
    },
    'instrument-md': {
      // A further instrument in the same file: `### Resolution I`,
      // `#### Optional Protocol to ...`, `## Final Act ...`.
      patterns: [
        {
          match: r`^[ ]{0,3}(#{1,6})[ \t]+(${EMPH}*)[ \t]*((?i:resolution))[ \t]+([IVXLC]+|\d+)(?!\w)(.*?)(${EMPH}*)(?:[ \t]+(#+))?[ \t]*$`,
          name: scope('markup.heading.instrument'),
          captures: {
            1: { name: scope('punctuation.definition.heading') },
            2: { name: scope('punctuation.definition.emphasis') },
            3: { name: scope('keyword.other.instrument') },
            4: { name: scope('constant.numeric.instrument') },
            5: { name: scope('entity.name.section.instrument') },
            6: { name: scope('punctuation.definition.emphasis') },
            7: { name: scope('punctuation.definition.heading') },
          },
        },
        {
          match: r`^[ ]{0,3}(#{1,6})[ \t]+(${EMPH}*)[ \t]*((?:(?:(?i:first|second|third|optional|additional)[ \t]+)*(?i:protocol)|(?i:final act))(?!\w).*?)(${EMPH}*)(?:[ \t]+(#+))?[ \t]*$`,
          name: scope('markup.heading.instrument'),
          captures: {
            1: { name: scope('punctuation.definition.heading') },
            2: { name: scope('punctuation.definition.emphasis') },
            3: { name: scope('entity.name.section.instrument'), patterns: [{ include: '#inline' }] },
            4: { name: scope('punctuation.definition.emphasis') },
            5: { name: scope('punctuation.definition.heading') },
          },
        },
      ],
    },
    'heading-md': {
      // Any other Markdown heading: the title, a part's name, a titled block.
      match: r`^[ ]{0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+(#+))?[ \t]*$`,
      name: scope('markup.heading'),
      captures: {
        1: { name: scope('punctuation.definition.heading') },
        2: { name: scope('entity.name.section'), patterns: [{ include: '#inline' }] },
        3: { name: scope('punctuation.definition.heading') },
      },
    },
    paragraph: {
      // Prose, from a line start to the end of its sentence or block.
      begin: r`^(?=[ \t]*\S)`,
      end: PARAGRAPH_END,
      patterns: [{ include: '#line-start' }, { include: '#inline' }],
    },
    'line-start': {
      patterns: [
        { include: '#footnote-definition' },
        { include: '#link-definition' },
        { include: '#labels' },
      ],
    },
    labels: {
      patterns: [
        parenLabel('paragraph', LABEL_KEY_PARAGRAPH, LABEL_FOLLOW_PAREN),
        parenLabel('item', LABEL_KEY_ITEM, LABEL_FOLLOW_PAREN),
        parenLabel('point', LABEL_KEY_POINT, LABEL_FOLLOW_PAREN),
        {
          // (A) (IV) (aa): subitems. Written out for the back-reference (\\6).
          match: r`${LABEL_LEAD}((\()[ \t]*((?:[A-Z]{1,2}|[IVXLC]{1,6}|([a-z])\6))[ \t]*(\))(\.)?)${LABEL_TAIL}${LABEL_FOLLOW_PAREN}`,
          captures: {
            1: { name: scope('punctuation.definition.list.begin') },
            2: { name: scope('punctuation.definition.emphasis') },
            3: { name: scope('meta.label.subitem') },
            4: { name: scope('punctuation.definition.label.begin') },
            5: { name: scope('constant.numeric.subitem') },
            7: { name: scope('punctuation.definition.label.end') },
            8: { name: scope('punctuation.definition.label.end') },
            9: { name: scope('punctuation.definition.emphasis') },
          },
        },
        plainLabel('paragraph', r`\d{1,3}(?:[a-z](?=[.)]))?`, r`\.(?!\d)|\)|[ \t]+[-–—](?=[ \t]|$)`, LABEL_FOLLOW_NUMBER_DOT),
        plainLabel('item', r`[ivx]{1,5}`, r`[.)]`, LABEL_FOLLOW_LETTER_DOT),
        plainLabel('point', r`[a-z]`, r`[.)]`, LABEL_FOLLOW_LETTER_DOT),
        plainLabel('subitem', r`[A-Z]|[IVX]{1,5}`, r`\)`, LABEL_FOLLOW_PAREN),
      ],
    },
    'footnote-definition': {
      match: r`^[ ]{0,3}(\[)(\^[^\]\n]+)(\])(:)`,
      name: scope('meta.footnote.definition'),
      captures: {
        1: { name: scope('punctuation.definition.footnote.begin') },
        2: { name: scope('constant.other.footnote') },
        3: { name: scope('punctuation.definition.footnote.end') },
        4: { name: scope('punctuation.separator.key-value') },
      },
    },
    'link-definition': {
      match: r`^[ ]{0,3}(\[)([^\[\]\n^][^\[\]\n]*)(\])(:)[ \t]+(\S+)`,
      name: scope('meta.link.reference.def'),
      captures: {
        1: { name: scope('punctuation.definition.link.begin') },
        2: { name: scope('constant.other.reference.link') },
        3: { name: scope('punctuation.definition.link.end') },
        4: { name: scope('punctuation.separator.key-value') },
        5: { name: scope('markup.underline.link') },
      },
    },
    // ------------------------------------------------------------ inline
    inline: {
      patterns: [
        { include: '#inline-code' },
        { include: '#html-comment-inline' },
        { include: '#escape' },
        { include: '#footnote-reference' },
        { include: '#link-inline' },
        { include: '#numeric-footnote' },
        { include: '#alternative-separator' },
        { include: '#bracket' },
        { include: '#stray-closing-bracket' },
        { include: '#defined-term' },
        { include: '#references' },
        { include: '#emphasis' },
      ],
    },
    // Inside emphasis (which never holds a bracket): no block rules.
    'inline-in-emphasis': {
      patterns: [
        { include: '#inline-code' },
        { include: '#escape' },
        { include: '#footnote-reference' },
        { include: '#link-inline' },
        { include: '#defined-term' },
        { include: '#references' },
        { include: '#emphasis' },
      ],
    },
    'inline-code': {
      // Single backticks only: TeX quotes (``term'') are not code.
      match: r`(?<!\x60)(\x60)(?!\x60)([^\x60\n]+)(\x60)(?!\x60)`,
      name: scope('markup.inline.raw'),
      captures: {
        1: { name: scope('punctuation.definition.raw.begin') },
        3: { name: scope('punctuation.definition.raw.end') },
      },
    },
    escape: {
      patterns: [
        {
          // `\[sic]`: the first `]` after an escaped `[` is literal too.
          match: r`(\\\[)[^\[\]\n]*(\])?`,
          captures: {
            1: { name: scope('constant.character.escape') },
            2: { name: scope('constant.character.escape') },
          },
        },
        { match: r`\\[\]\\\x60*_{}()#+\-.!"'<>]`, name: scope('constant.character.escape') },
      ],
    },
    'footnote-reference': {
      match: r`(\[)(\^[^\]\s]+)(\])`,
      name: scope('meta.footnote.reference'),
      captures: {
        1: { name: scope('punctuation.definition.footnote.begin') },
        2: { name: scope('constant.other.footnote') },
        3: { name: scope('punctuation.definition.footnote.end') },
      },
    },
    'link-inline': {
      // `[text](target)`: target without spaces, or containing `://`; the
      // text holds no `[`. Such a link is never unagreed text.
      match: r`(\[)([^\[\]\n]*)(\])(\()((?:[^\s()]|\([^\s()]*\))*|[^()\n]*://[^()\n]*)(\))`,
      name: scope('meta.link.inline'),
      captures: {
        1: { name: scope('punctuation.definition.link.title.begin') },
        2: { name: scope('string.other.link.title'), patterns: [{ include: '#inline-in-emphasis' }] },
        3: { name: scope('punctuation.definition.link.title.end') },
        4: { name: scope('punctuation.definition.link.begin') },
        5: { name: scope('markup.underline.link') },
        6: { name: scope('punctuation.definition.link.end') },
      },
    },
    'numeric-footnote': {
      // `measures[12]`, `text.[3]`: a footnote number glued to a word.
      match: r`(?<=[^\s\[\]])(\[)(\d{1,4})(\])`,
      name: scope('meta.footnote.reference'),
      captures: {
        1: { name: scope('punctuation.definition.footnote.begin') },
        2: { name: scope('constant.other.footnote') },
        3: { name: scope('punctuation.definition.footnote.end') },
      },
    },
    'alternative-separator': {
      // Between alternatives: `[shall] / [may]`, `[shall] or [may]`.
      match: r`(?<=\])[ \t]*(/|\bor\b)[ \t]*(?=\[(?!\^))`,
      captures: { 1: { name: scope('keyword.operator.alternative') } },
    },
    bracket: {
      // Unagreed text. Nests, spans lines and paragraphs; inside it the
      // text keeps its structure (headings, labels, references).
      begin: r`\[`,
      beginCaptures: { 0: { name: scope('punctuation.definition.bracket.begin') } },
      end: r`\]`,
      endCaptures: { 0: { name: scope('punctuation.definition.bracket.end') } },
      // markup.changed: so that themes colour text not yet agreed.
      name: `${scope('meta.bracket.unagreed')} ${scope('markup.changed.unagreed')}`,
      patterns: [{ include: '#alternative-label' }, { include: '#main' }],
    },
    'alternative-label': {
      // `[Alt 1: ...]`, `[**Option A)** ...]`
      match: r`\G[ \t]*(\*\*)?((?i:alternative|alt|option|variant)\.?[ \t]*[0-9A-Za-z]{1,3})(\*\*)?[ \t]*([:.\-–—)])(\*\*)?`,
      captures: {
        1: { name: scope('punctuation.definition.bold') },
        2: { name: scope('entity.name.tag.alternative') },
        3: { name: scope('punctuation.definition.bold') },
        4: { name: scope('punctuation.separator.alternative') },
        5: { name: scope('punctuation.definition.bold') },
      },
    },
    'stray-closing-bracket': {
      match: r`\]`,
      name: scope('invalid.illegal.unbalanced-bracket'),
    },
    'defined-term': {
      patterns: [
        {
          // The last (or only) term, with the verb.
          match: r`(${Q_OPEN})(${TERM})(${Q_CLOSE})[ \t]*(?:${DEF_PAREN})?(?:${DEF_WHICH})?(${DEF_VERB})`,
          captures: {
            1: { name: scope('punctuation.definition.term.begin') },
            2: { name: scope('variable.other.constant.defined-term') },
            3: { name: scope('punctuation.definition.term.end') },
            4: { name: scope('keyword.other.definition') },
          },
        },
        {
          // An earlier term of a list: `"Freezing" or "seizure" shall mean`.
          match: r`(${Q_OPEN})(${TERM})(${Q_CLOSE})(?=[ \t]*(?:${DEF_PAREN})?(?:${DEF_MORE})+(?:${DEF_WHICH})?${DEF_VERB})`,
          captures: {
            1: { name: scope('punctuation.definition.term.begin') },
            2: { name: scope('variable.other.constant.defined-term') },
            3: { name: scope('punctuation.definition.term.end') },
          },
        },
      ],
    },
    references: {
      // The whole reference is variable.other.reference; the name of another
      // instrument in `of the <Name>` is entity.name.type.instrument.
      patterns: [
        {
          match: LEVEL_REF,
          name: scope('variable.other.reference'),
          captures: { 1: { name: scope('entity.name.type.instrument') } },
        },
        {
          match: DIVISION_REF,
          name: scope('variable.other.reference'),
          captures: { 1: { name: scope('entity.name.type.instrument') } },
        },
        { match: DEMONSTRATIVE, name: scope('variable.other.reference.relative') },
      ],
    },
    emphasis: {
      patterns: [
        {
          match: r`(\*\*|__)(?=[^\s*_])((?:[^*_\n\[\]]|\*(?!\*)|_(?!_))+?)(?<=[^\s*_]|[^\s*_][*_])(\1)`,
          name: scope('markup.bold'),
          captures: {
            1: { name: scope('punctuation.definition.bold') },
            2: { patterns: [{ include: '#inline-in-emphasis' }] },
            3: { name: scope('punctuation.definition.bold') },
          },
        },
        {
          match: r`(?<![\w*])(\*)(?=[^\s*])([^*\n\[\]]+?)(?<=[^\s*])(\*)(?![\w*])`,
          name: scope('markup.italic'),
          captures: {
            1: { name: scope('punctuation.definition.italic') },
            2: { patterns: [{ include: '#inline-in-emphasis' }] },
            3: { name: scope('punctuation.definition.italic') },
          },
        },
        {
          match: r`(?<![\w_])(_)(?=[^\s_])([^_\n\[\]]+?)(?<=[^\s_])(_)(?![\w_])`,
          name: scope('markup.italic'),
          captures: {
            1: { name: scope('punctuation.definition.italic') },
            2: { patterns: [{ include: '#inline-in-emphasis' }] },
            3: { name: scope('punctuation.definition.italic') },
          },
        },
      ],
    },
  },
};

module.exports = grammar;
