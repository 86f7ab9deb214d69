// Applies an overlay to a JSON document with openapi-overlays-js and prints the result as JSON:
// node apply_overlay.mjs DOCUMENT OVERLAY
import fs from 'fs'
import { applyOverlay } from 'openapi-overlays-js/src/overlay.js'

const [document, overlay] = process.argv.slice(2).map((file) => JSON.parse(fs.readFileSync(file, 'utf8')))
process.stdout.write(JSON.stringify(applyOverlay(document, overlay)) + '\n')
