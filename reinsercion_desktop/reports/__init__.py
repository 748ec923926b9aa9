"""Reports as files and pictures: charts, PDF, CSV and XLSX from domain.report_table.

A layer of its own, between the services (which build the reports) and the PDF kit it
draws with; matplotlib and openpyxl are imported only when a chart or a workbook is made.
"""
