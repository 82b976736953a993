/**
 * The part of qrcode the browser calls (convener/LinkPanel.tsx). @types/qrcode also describes the
 * package's Node API (streams, files) and so loads Node's types into the whole client; the client's
 * tsconfig maps `qrcode` here instead, so client code that reaches for Node does not compile.
 */
export interface QRCodeToDataURLOptions {
  errorCorrectionLevel?: 'low' | 'medium' | 'quartile' | 'high' | 'L' | 'M' | 'Q' | 'H'
  margin?: number
  width?: number
}

export function toDataURL(text: string, options?: QRCodeToDataURLOptions): Promise<string>
