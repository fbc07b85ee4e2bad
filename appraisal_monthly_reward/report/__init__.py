from . import decision_docx
from . import decision_xlsx
