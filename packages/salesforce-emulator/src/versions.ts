/**
 * API versions the emulated org serves (fact API-VERSIONS): a Winter '27 org answers v68.0 and every
 * older version down to the floor below, on REST and on the Metadata SOAP endpoint alike.
 */
export const MIN_VERSION = 50;
export const MAX_VERSION = 68;
/** The Metadata SOAP endpoint keeps an older floor than REST. */
export const MIN_SOAP_VERSION = 29;
export const VERSIONS = Array.from({ length: MAX_VERSION - MIN_VERSION + 1 }, (_, i) => `${MIN_VERSION + i}.0`);

export const RELEASES: Record<number, string> = {
  50: "Winter '21",
  51: "Spring '21",
  52: "Summer '21",
  53: "Winter '22",
  54: "Spring '22",
  55: "Summer '22",
  56: "Winter '23",
  57: "Spring '23",
  58: "Summer '23",
  59: "Winter '24",
  60: "Spring '24",
  61: "Summer '24",
  62: "Winter '25",
  63: "Spring '25",
  64: "Summer '25",
  65: "Winter '26",
  66: "Spring '26",
  67: "Summer '26",
  68: "Winter '27",
};
