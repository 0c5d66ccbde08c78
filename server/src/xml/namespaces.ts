/** Namespace URIs of the protocols we speak. Real servers use `http://`, not the `https://` of the 2020 docs. */
export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  messages: 'http://schemas.microsoft.com/exchange/services/2006/messages',
  types: 'http://schemas.microsoft.com/exchange/services/2006/types',
  autodiscoverSoap: 'http://schemas.microsoft.com/exchange/2010/Autodiscover',
  autodiscoverPoxRequest: 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006',
  autodiscoverPoxResponse: 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a',
  autodiscoverPoxBase: 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006',
  wsAddressing: 'http://www.w3.org/2005/08/addressing',
} as const;
