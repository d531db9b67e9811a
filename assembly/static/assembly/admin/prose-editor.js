// The rich-text editor of the admin: django-prose-editor's default preset, except that a
// pasted link keeps the address it was written with. Tiptap's paste rule re-links any text
// that looks like an address ("gov.kz") to a guess ("http://gov.kz"), replacing the real
// link that came with it ("https://www.gov.kz/"); it is left out here.
import {
  Blockquote,
  Bold,
  BulletList,
  createTextareaEditor,
  Document,
  Dropcursor,
  Gapcursor,
  HardBreak,
  Heading,
  History,
  HorizontalRule,
  Italic,
  initializeEditors,
  Link,
  ListItem,
  Menu,
  NoSpellCheck,
  OrderedList,
  Paragraph,
  SpecialCharacters,
  Strike,
  Subscript,
  Superscript,
  Table,
  TableCell,
  TableHeader,
  TableRow,
  Text,
  Underline,
} from "django-prose-editor/editor"

const marker = "data-django-prose-editor-assembly"

const LinkAsWritten = Link.extend({
  addPasteRules() {
    return []
  },
})

// Each type the configuration may name (assembly/admin/forms.py) and what it needs.
const TYPES = {
  Blockquote: [Blockquote],
  Bold: [Bold],
  BulletList: [BulletList, ListItem],
  HorizontalRule: [HorizontalRule],
  Italic: [Italic],
  Link: [LinkAsWritten],
  OrderedList: [OrderedList, ListItem],
  Strike: [Strike],
  Subscript: [Subscript],
  Superscript: [Superscript],
  Underline: [Underline],
  Table: [Table, TableRow, TableHeader, TableCell],
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null
  const config = JSON.parse(textarea.getAttribute(marker))
  const types = config.types || []
  const extensions = new Set([Document, Dropcursor, Gapcursor, Paragraph, HardBreak, Text, Menu])
  extensions.add(NoSpellCheck)
  if (config.history) extensions.add(History)
  if (config.typographic) extensions.add(SpecialCharacters)
  if (types.includes("Heading")) {
    extensions.add(Heading.configure({ levels: config.headingLevels || [2, 3, 4] }))
  }
  for (const type of types) {
    for (const extension of TYPES[type] || []) extensions.add(extension)
  }
  const editor = createTextareaEditor(textarea, [...extensions])
  textarea.dispatchEvent(
    new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }),
  )
  return editor
}

initializeEditors(createEditor, `[${marker}]`)
