/**
 * Whether a table's header names personal fields: a CSV/TSV first line, or the first cells of
 * a spreadsheet's shared strings (`<t>…</t>`). Names are compared without case, spaces,
 * underscores or dashes. A header is personal when it holds a field that identifies a person
 * together with a way to reach them, or any field sensitive on its own (SSN, date of birth,
 * card number…). A product list (`sku,name,price`) has a name but nothing else.
 */
const IDENTIFYING = new Set([
  'name', 'fullname', 'firstname', 'lastname', 'surname', 'givenname', 'familyname', 'forename', 'middlename',
  'customer', 'customername', 'contactname', 'clientname', 'patientname', 'employeename', 'displayname',
  'vorname', 'nachname', 'nom', 'prenom', 'prénom', 'nombre', 'apellido', 'apellidos', 'nome', 'cognome', 'voornaam', 'achternaam',
]);
const CONTACT = new Set([
  'email', 'emailaddress', 'mail', 'phone', 'phonenumber', 'mobile', 'mobilephone', 'cell', 'cellphone', 'telephone', 'tel',
  'address', 'streetaddress', 'street', 'address1', 'addressline1', 'homeaddress',
  'telefon', 'handy', 'adresse', 'strasse', 'straße', 'anschrift', 'courriel', 'telefono', 'teléfono', 'direccion', 'dirección', 'indirizzo',
]);
const SENSITIVE = new Set([
  'ssn', 'socialsecuritynumber', 'socialsecurity', 'dob', 'dateofbirth', 'birthdate', 'birthday', 'geburtsdatum', 'datedenaissance',
  'fechadenacimiento', 'passport', 'passportnumber', 'passportno', 'nationalid', 'nationalidnumber', 'taxid', 'taxnumber', 'tin',
  'steuerid', 'iban', 'creditcard', 'creditcardnumber', 'cardnumber', 'ccnumber', 'pan', 'cvv', 'bankaccount', 'bankaccountnumber',
  'salary', 'diagnosis', 'medicalrecordnumber', 'mrn', 'insurancenumber', 'healthinsurancenumber', 'ethnicity', 'religion',
  'sozialversicherungsnummer', 'svnr', 'nir', 'nino', 'nationalinsurancenumber', 'driverslicense', 'driverlicense', 'licensenumber',
]);

const normalise = (field: string) => field.trim().replace(/^["']|["']$/g, '').toLowerCase().replace(/[\s_.-]+/g, '');

/** The header's field names: cells of shared strings, else the first line split at its most frequent delimiter. */
function fieldsOf(text: string): string[] {
  if (text.includes('<t')) return [...text.matchAll(/<t(?:\s[^>]*)?>([^<]{1,80})<\/t>/g)].slice(0, 60).map((m) => normalise(m[1]!));
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!;
  const delimiter = [',', '\t', ';', '|'].map((d) => [d, line.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]!;
  if (delimiter[1] < 2) return [];
  return line.split(delimiter[0]).map(normalise);
}

export function namesPersonalFields(text: string): boolean {
  const fields = fieldsOf(text);
  if (fields.some((f) => SENSITIVE.has(f))) return true;
  return fields.some((f) => IDENTIFYING.has(f)) && fields.some((f) => CONTACT.has(f));
}
